import { SignalHigh, SignalLow, SignalMedium } from 'lucide-react';

const LEVELS = {
  beginner: { label: 'Beginner', Icon: SignalLow },
  intermediate: { label: 'Intermediate', Icon: SignalMedium },
  advanced: { label: 'Advanced', Icon: SignalHigh },
} as const;

/** A lesson's level: its word, with signal bars that rise with it (the word carries the meaning). */
export function LevelBadge({ level }: { level: keyof typeof LEVELS }) {
  const { label, Icon } = LEVELS[level];
  return (
    <span className={`badge badge-${level}`}>
      <Icon aria-hidden="true" className="badge-icon" size={14} strokeWidth={2.5} />
      {label}
    </span>
  );
}
