import { describe, expect, it } from 'vitest';
import { asFormData } from './action-input';

describe('asFormData', () => {
  it('passes a FormData through', () => {
    const f = new FormData();
    f.set('a', 'b');
    expect(asFormData(f)?.get('a')).toBe('b');
  });
  it.each([undefined, null, 'x', 42, [], {}, { get: () => 'x' }, new URLSearchParams('a=b')])('refuses %o', (v) => {
    expect(asFormData(v)).toBeNull();
  });
});
