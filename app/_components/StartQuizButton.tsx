'use client';

import { startQuizAction } from '@/lib/study/quiz-actions';
import { ActionButton } from './ActionButton';

export function StartQuizButton({
  kind,
  sourceId,
  label,
  primary = true,
}: {
  kind: 'topic' | 'collection';
  sourceId: string;
  label: string;
  primary?: boolean;
}) {
  return <ActionButton action={startQuizAction} fields={{ kind, sourceId }} label={label} pendingLabel="Opening…" primary={primary} />;
}
