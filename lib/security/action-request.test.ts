import { describe, expect, it } from 'vitest';
import { actionArgumentsProblem, formActionProblem } from './action-request';

describe('actionArgumentsProblem', () => {
  it.each([
    ['[{"ok":false,"errors":{}},"$K1"]'],
    ['["$undefined","$K1"]'],
    ['[{"note":"$$5 off"},"$K1a"]'],
    ['[]'],
  ])('accepts what our forms send: %s', (encoded) => {
    expect(actionArgumentsProblem(encoded)).toBeNull();
  });
  it.each([
    [null, /missing/],
    ['[[[[', /not JSON/],
    ['{"a":1}', /must be a list/],
    ['"x"', /must be a list/],
    ['["$Q99"]', /refer/],
    ['["$@1"]', /refer/],
    ['[{"a":["$B1"]}]', /refer/],
    ['["$F1"]', /refer/],
    ['["$1"]', /refer/],
    ['["$W2"]', /refer/],
    ['["$T"]', /refer/],
    [JSON.stringify([JSON.parse('['.repeat(40) + ']'.repeat(40))]), /refer/],
  ])('refuses %s', (encoded, why) => {
    expect(actionArgumentsProblem(encoded)).toMatch(why);
  });
});

describe('formActionProblem', () => {
  const form = (entries: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };
  it('accepts a plain form and a no-JavaScript action post', () => {
    expect(formActionProblem(form([['email', 'a@b.c']]))).toBeNull();
    expect(formActionProblem(form([['$ACTION_REF_1', ''], ['$ACTION_1:0', '{"id":"60ab","bound":"$@1"}'], ['$ACTION_1:1', '[{"ok":false}]'], ['$ACTION_KEY', 'k1']]))).toBeNull();
    expect(formActionProblem(form([['$ACTION_REF_1', ''], ['$ACTION_1:0', '{"id":"60ab","bound":null}']]))).toBeNull();
    expect(formActionProblem(form([['$ACTION_ID_60270965750f814156ad50fd9b88601550c9cff91c', '']]))).toBeNull();
  });
  it('refuses bound arguments that are not JSON or refer to missing parts, and unknown action fields', () => {
    expect(formActionProblem(form([['$ACTION_1:0', '{{']]))).toMatch(/not JSON/);
    expect(formActionProblem(form([['$ACTION_1:1', '["$Q1"]']]))).toMatch(/refers/);
    expect(formActionProblem(form([['$ACTION_1:0', '{"id":"60ab","bound":"$@2"}']]))).toMatch(/does not send/);
    expect(formActionProblem(form([['$ACTION_1:0', '{"id":"60ab","bound":"$@1"}'], ['$ACTION_1:1', '{"a":1}']]))).toMatch(/must be a list/);
    expect(formActionProblem(form([['$ACTION_1:0', '[]']]))).toMatch(/malformed/);
    expect(formActionProblem(form([['$ACTION_ID_zz!', '']]))).toMatch(/Unknown/);
  });
});
