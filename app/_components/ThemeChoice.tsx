'use client';

import { useId, useSyncExternalStore } from 'react';
import { Monitor, Moon, Sun } from 'lucide-react';
import { isDark, parseTheme, THEME_COLORS, themeAttribute, themeCookie, type Theme } from '@/lib/ui/theme';

const OPTIONS = [
  { value: 'system', label: 'System', Icon: Monitor },
  { value: 'light', label: 'Light', Icon: Sun },
  { value: 'dark', label: 'Dark', Icon: Moon },
] as const;

const EVENT = 'patternwise:theme';

/** The choice in force on this page: `<html data-theme>`, absent for system. */
function current(): Theme {
  return parseTheme(document.documentElement.dataset.theme ?? 'system');
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  return () => window.removeEventListener(EVENT, onChange);
}

/** Applies a choice at once (no reload) and keeps it for the next visit in this browser. */
function apply(theme: Theme) {
  const root = document.documentElement;
  const attribute = themeAttribute(theme);
  if (attribute) root.dataset.theme = attribute;
  else delete root.dataset.theme;
  document.cookie = themeCookie(theme, location.protocol === 'https:');
  const dark = isDark(theme, window.matchMedia('(prefers-color-scheme: dark)').matches);
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    meta.content = dark ? THEME_COLORS.dark : THEME_COLORS.light;
    meta.removeAttribute('media');
  }
  window.dispatchEvent(new Event(EVENT));
}

export function ThemeChoice({ initial, variant }: { initial: Theme; variant: 'compact' | 'full' }) {
  const theme = useSyncExternalStore(subscribe, current, () => initial);
  const name = useId();
  const compact = variant === 'compact';
  if (compact) {
    // The header: one small button that steps System → Light → Dark, showing the choice in force.
    const at = OPTIONS.findIndex((o) => o.value === theme);
    const { label, Icon } = OPTIONS[at]!;
    const next = OPTIONS[(at + 1) % OPTIONS.length]!;
    return (
      <button
        type="button"
        className="theme-cycle"
        onClick={() => apply(next.value)}
        title={`Theme: ${label}. Click for ${next.label}.`}
        data-testid="theme-switch-compact"
      >
        <Icon aria-hidden="true" size={17} strokeWidth={2.2} />
        <span className="sr-only">
          Theme: {label} (switch to {next.label})
        </span>
      </button>
    );
  }
  return (
    <fieldset className="theme-switch theme-switch-full" data-testid="theme-switch-full">
      <legend className="theme-switch-legend">Theme</legend>
      {OPTIONS.map(({ value, label, Icon }) => (
        <label key={value} className="theme-option">
          <input
            type="radio"
            className="sr-only"
            name={name}
            value={value}
            checked={theme === value}
            onChange={() => apply(value)}
          />
          <Icon aria-hidden="true" size={16} strokeWidth={2.2} />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
