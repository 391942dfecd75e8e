import { canSize, unsizableEntryProblem, unsupportedStopProblems } from './intake-checks';

const signal = {
  event_type: 'entry' as const,
  quantity: null,
  stop_loss: null,
  entry_price: null,
  program_ids: [] as number[],
};

describe('intake checks: an entry nothing can size', () => {
  it('a fixed account sizes anything; the others need a quantity or a stop with an entry price', () => {
    expect(canSize({ label: 'f', mode: 'fixed' }, signal)).toBe(true);
    expect(canSize({ label: 'r', mode: 'risk' }, signal)).toBe(false);
    expect(canSize({ label: 'r', mode: 'risk' }, { ...signal, stop_loss: 99 })).toBe(false);
    expect(canSize({ label: 'r', mode: 'risk' }, { ...signal, stop_loss: 99, entry_price: 100 })).toBe(true);
    expect(canSize({ label: 'm', mode: 'multiplier' }, { ...signal, stop_loss: 99, entry_price: 100 })).toBe(
      false,
    );
    expect(canSize({ label: 'm', mode: 'multiplier' }, { ...signal, quantity: 1 })).toBe(true);
  });

  it("an env account is sized by risk only for the alert's programs", () => {
    const priced = { ...signal, stop_loss: 99, entry_price: 100 };
    expect(canSize({ label: 'env:APEX', mode: 'env' }, priced)).toBe(false);
    expect(canSize({ label: 'env:APEX', mode: 'env' }, { ...priced, program_ids: [4] })).toBe(true);
  });

  it('names every account when none can size it; nothing when one can, for exits, or without targets', () => {
    const accounts = [
      { label: 'apex-1', mode: 'risk' as const },
      { label: 'env:FTMO', mode: 'env' as const },
    ];
    expect(unsizableEntryProblem(signal, accounts)).toBe(
      'quantity: no quantity, and no stop loss with an entry price to size from: no targeted account can size ' +
        'this entry ("apex-1" (risk sizing), "env:FTMO" (env sizing)); give quantity (or contracts, qty), or a stop loss and price',
    );
    expect(unsizableEntryProblem(signal, [...accounts, { label: 'f', mode: 'fixed' }])).toBeNull();
    expect(unsizableEntryProblem({ ...signal, event_type: 'exit' }, accounts)).toBeNull();
    expect(unsizableEntryProblem(signal, [])).toBeNull();
  });
});

describe('intake checks: a trailing stop or break-even a platform cannot do', () => {
  const entry = { event_type: 'entry' as const, trail_distance: null, break_even_ticks: null };
  const accounts = [
    { label: 'apex-1', platform: 'tradovate' },
    { label: 'top-1', platform: 'projectx' },
    { label: 'ftmo-1', platform: 'rest' },
    { label: 'ftmo-2', platform: 'rest' },
    { label: 'paper-1', platform: 'paper' },
    { label: 'env:MFFU', platform: null },
  ];
  const only = (...labels: string[]) => accounts.filter((a) => labels.includes(a.label));

  it.each([
    ['a plain entry', entry, accounts, []],
    [
      'a trailing stop on Tradovate and ProjectX',
      { ...entry, trail_distance: 10 },
      only('apex-1', 'top-1'),
      [],
    ],
    ['an exit asks for nothing', { ...entry, event_type: 'exit' as const, trail_distance: 10 }, accounts, []],
    [
      'a trailing stop on REST, paper and an unconfigured env account',
      { ...entry, trail_distance: 10 },
      accounts,
      [
        'stopLoss.type: trailing stops are not supported on rest ("ftmo-1", "ftmo-2"); paper ("paper-1"); no platform ("env:MFFU"): only on tradovate, projectx; target other accounts or drop it',
      ],
    ],
    [
      'a break-even on ProjectX',
      { ...entry, break_even_ticks: 8 },
      only('apex-1', 'top-1'),
      [
        'break_even_ticks: break-even moves are not supported on projectx ("top-1"): only on tradovate; target other accounts or drop it',
      ],
    ],
  ])('%s', (_name, s, targets, expected) => {
    expect(unsupportedStopProblems(s, targets)).toEqual(expected);
  });
});
