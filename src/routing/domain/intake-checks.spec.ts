import { canSize, unsizableEntryProblem } from './intake-checks';

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
