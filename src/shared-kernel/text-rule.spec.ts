import { findTextProblems, MAX_TEXT_PROBLEMS, textProblem } from './text-rule';

describe('text rule', () => {
  it('passes ordinary text, emoji (a surrogate pair) and other control characters', () => {
    for (const ok of ['APEX', 'café', 'up \ud83d\ude80', '𝔘nicode', 'tab\there', ''])
      expect(textProblem(ok)).toBeNull();
  });

  it('refuses NUL and every unpaired surrogate: high, low, reversed pair, doubled high', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    for (const bad of ['\ud800', 'x\udbff', '\udc00y', '\ude80\ud83d', '\ud800\ud800']) {
      expect(textProblem(bad)).toMatch(/unpaired UTF-16 surrogates/);
    }
  });

  it('names each offending field by its path, keys included', () => {
    const body = {
      reason: 'ok',
      meta: { notes: ['fine', 'a\u0000'], ['k\ud800']: 1 },
      firms: [{ name: '\udfff' }],
    };
    expect(findTextProblems(body)).toEqual([
      'meta.notes[1]: must not contain NUL (\\u0000) characters',
      'meta.k\ufffd: the key must not contain unpaired UTF-16 surrogates (not valid Unicode)',
      'firms[0].name: must not contain unpaired UTF-16 surrogates (not valid Unicode)',
    ]);
  });

  it('names a query parameter or a whole text body by the name it is given', () => {
    expect(findTextProblems('a\u0000', 'firm_code')).toEqual([
      'firm_code: must not contain NUL (\\u0000) characters',
    ]);
    expect(findTextProblems(['1', '\ud800'], 'limit')).toEqual([
      'limit[1]: must not contain unpaired UTF-16 surrogates (not valid Unicode)',
    ]);
    expect(findTextProblems('x\u0000')).toEqual(['body: must not contain NUL (\\u0000) characters']);
    expect(findTextProblems('firm_code,firm_name\nA,ok\nB,b\ud800')).toEqual([
      'body (line 3): must not contain unpaired UTF-16 surrogates (not valid Unicode)',
    ]);
  });

  it('lists at most MAX_TEXT_PROBLEMS lines however many strings are bad', () => {
    expect(findTextProblems(Array(10_000).fill('\u0000'))).toHaveLength(MAX_TEXT_PROBLEMS);
  });
});
