'use client';

import { ActionButton } from '@/app/_components/ActionButton';
import { startSelectorPracticeAction } from '@/lib/study/selector-actions';

export function PractiseButton({ patterns }: { patterns: string }) {
  return <ActionButton action={startSelectorPracticeAction} fields={{ patterns }} label="Practise this" pendingLabel="Opening…" />;
}
