import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDark, parseTheme, THEME_COLORS, themeAttribute, themeCookie } from './theme';

describe('theme', () => {
  it('reads the cookie, and anything unknown follows the system', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('system')).toBe('system');
    for (const raw of [undefined, null, '', 'DARK', 'dark; x', 'blue']) expect(parseTheme(raw)).toBe('system');
  });

  it('an explicit choice wins over the OS both ways', () => {
    expect(isDark('dark', false)).toBe(true);
    expect(isDark('light', true)).toBe(false);
    expect(isDark('system', true)).toBe(true);
    expect(isDark('system', false)).toBe(false);
    expect(themeAttribute('system')).toBeUndefined();
    expect(themeAttribute('dark')).toBe('dark');
  });

  it('stores a choice for a year and clears it for system', () => {
    expect(themeCookie('dark', false)).toBe('pw-theme=dark; Path=/; Max-Age=31536000; SameSite=Lax');
    expect(themeCookie('light', true)).toMatch(/; Secure$/);
    expect(themeCookie('system', false)).toMatch(/^pw-theme=; Path=\/; Max-Age=0;/);
  });
});

describe('app/globals.css', () => {
  const css = fs.readFileSync(path.resolve('app/globals.css'), 'utf8');

  it('never asks the OS directly: colours come from tokens, so the explicit choice wins everywhere', () => {
    // A `@media (prefers-color-scheme: dark)` rule would turn dark on a learner who chose light.
    expect(css).not.toMatch(/@media[^{]*prefers-color-scheme/);
    expect(css).toMatch(/:root\[data-theme='light'\]\s*\{\s*color-scheme:\s*light;/);
    expect(css).toMatch(/:root\[data-theme='dark'\]\s*\{\s*color-scheme:\s*dark;/);
  });

  it('the address-bar colours are the themes\' backgrounds', () => {
    const bg = /--bg:\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/i.exec(css);
    expect(bg?.slice(1)).toEqual([THEME_COLORS.light, THEME_COLORS.dark]);
  });
});
