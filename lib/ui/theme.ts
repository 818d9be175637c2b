/**
 * The learner's colour theme: follow the system, or always light, or always dark. Kept per
 * browser in a cookie that the server reads, so the page arrives in the right colours with no
 * script before paint (docs/decisions/017-theme-and-tokens.md).
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = 'pw-theme';
/** A year: the choice outlives sessions (it is no secret and holds nothing but the word). */
export const THEME_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * The cookie's value as a theme; anything missing or unknown follows the system. (A plain
 * check rather than zod: this runs in the header on every page, and zod is not in that bundle.)
 */
export function parseTheme(raw: string | undefined | null): Theme {
  return (THEMES as readonly (string | undefined | null)[]).includes(raw) ? (raw as Theme) : 'system';
}

/** The `data-theme` attribute on `<html>`: absent for system (CSS follows the OS), else the theme. */
export function themeAttribute(theme: Theme): 'light' | 'dark' | undefined {
  return theme === 'system' ? undefined : theme;
}

/** Whether a page shows dark colours: the explicit choice wins both ways, else the OS's. */
export function isDark(theme: Theme, systemPrefersDark: boolean): boolean {
  return theme === 'system' ? systemPrefersDark : theme === 'dark';
}

/** The `document.cookie` assignment that stores the choice (system clears it). */
export function themeCookie(theme: Theme, https: boolean): string {
  const secure = https ? '; Secure' : '';
  if (theme === 'system') return `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${THEME_MAX_AGE_SECONDS}; SameSite=Lax${secure}`;
}

/** The browser's address-bar colours, the page background of each theme (app/globals.css `--bg`). */
export const THEME_COLORS = { light: '#f6f6fa', dark: '#0e0f15' } as const;
