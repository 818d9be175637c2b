const LABELS = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' } as const;

export function LevelBadge({ level }: { level: keyof typeof LABELS }) {
  return <span className={`badge badge-${level}`}>{LABELS[level]}</span>;
}
