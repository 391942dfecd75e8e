import { Filterable, noMatchReason, resolveTargets, TargetFilter, unknownNames } from './target-filter';

const NONE: TargetFilter = { accounts: [], tags: [], firmCodes: [], programIds: [] };
const acc = (id: number, label: string, over: Partial<Filterable> = {}): Filterable => ({
  id,
  label,
  firmCode: 'APEX',
  programId: 4,
  enabled: true,
  tags: [],
  ...over,
});
const ALL = [
  acc(3, 'apex-b', { programId: 5, tags: ['apex-evals'] }),
  acc(1, 'env:APEX', { programId: null }),
  acc(2, 'apex-a', { tags: ['apex-evals', 'nq'] }),
  acc(4, 'off', { enabled: false, tags: ['sleepy'] }),
  acc(5, 'top', { firmCode: 'TOPSTEP', programId: 7, tags: ['nq'] }),
  acc(6, '42', { firmCode: 'MFFU', programId: 10 }),
];
const labels = (r: ReturnType<typeof resolveTargets>) => (r.ok ? r.accounts.map((a) => a.label) : r);

describe('resolveTargets', () => {
  it('no filter: every enabled account, by id', () => {
    expect(labels(resolveTargets(ALL, NONE))).toEqual(['env:APEX', 'apex-a', 'apex-b', 'top', '42']);
  });

  it('includeDisabled (an operator flatten): disabled accounts match too, filters still apply', () => {
    expect(labels(resolveTargets(ALL, NONE, { includeDisabled: true }))).toEqual([
      'env:APEX',
      'apex-a',
      'apex-b',
      'off',
      'top',
      '42',
    ]);
    expect(labels(resolveTargets(ALL, { ...NONE, tags: ['sleepy'] }))).toEqual([]);
    expect(labels(resolveTargets(ALL, { ...NONE, tags: ['sleepy'] }, { includeDisabled: true }))).toEqual([
      'off',
    ]);
  });

  it('intersects the filters; a tag list matches accounts carrying any of them', () => {
    expect(labels(resolveTargets(ALL, { ...NONE, tags: ['nq', 'apex-evals'], firmCodes: ['apex'] }))).toEqual(
      ['apex-a', 'apex-b'],
    );
    expect(
      labels(
        resolveTargets(ALL, { ...NONE, accounts: ['apex-a', 'top'], tags: ['nq'], firmCodes: ['TOPSTEP'] }),
      ),
    ).toEqual(['top']);
  });

  it('a numeric reference matches an id or a label; labels case-insensitively', () => {
    expect(labels(resolveTargets(ALL, { ...NONE, accounts: ['2'] }))).toEqual(['apex-a']);
    expect(labels(resolveTargets(ALL, { ...NONE, accounts: ['42'] }))).toEqual(['42']);
    expect(labels(resolveTargets(ALL, { ...NONE, accounts: [' APEX-B '] }))).toEqual(['apex-b']);
  });

  it('program_ids never exclude env accounts (program null)', () => {
    expect(labels(resolveTargets(ALL, { ...NONE, programIds: [5] }))).toEqual(['env:APEX', 'apex-b']);
  });

  it('unknown labels and tags → ok:false naming each; disabled accounts are known', () => {
    expect(
      resolveTargets(ALL, { ...NONE, accounts: ['ghost', 'off', 'ghost'], tags: ['sleepy', 'nope'] }),
    ).toEqual({
      ok: false,
      unknownAccounts: ['ghost'],
      unknownTags: ['nope'],
    });
    expect(
      unknownNames(ALL, { ...NONE, accounts: ['4', '99'], tags: ['NQ'], firmCodes: ['apex', 'NOPE'] }),
    ).toEqual({
      accounts: ['99'],
      tags: [],
      firmCodes: ['NOPE'],
    });
  });

  it('nothing matches → ok with an empty list and the reason', () => {
    expect(resolveTargets(ALL, { ...NONE, accounts: ['off'] })).toEqual({
      ok: true,
      accounts: [],
      reason: 'no enabled account matches accounts [off]',
    });
    expect(noMatchReason({ ...NONE, firmCodes: ['FTMO'], programIds: [1, 2] })).toBe(
      'no enabled account matches firm_codes [FTMO] and program_ids [1, 2]',
    );
    expect(resolveTargets([], NONE)).toEqual({ ok: true, accounts: [], reason: 'no enabled account' });
  });
});
