import { readProgramLimits, validateProgramLimits } from './program-limits';

describe('validateProgramLimits', () => {
  it('accepts a meta without limit keys, and leaves other keys free', () => {
    expect(validateProgramLimits({})).toEqual([]);
    expect(validateProgramLimits({ note: 'anything', platforms: ['x'] })).toEqual([]);
  });

  it('accepts every limit at its edges', () => {
    expect(
      validateProgramLimits({
        drawdown_type: 'intraday_trailing_until_lock',
        max_contracts: 1,
        max_risk_percent: 1,
        scaling_ladder: [
          { min_profit: 0, max_contracts: 2 },
          { min_profit: 0.01, max_contracts: 3 },
        ],
      }),
    ).toEqual([]);
    expect(validateProgramLimits({ max_risk_percent: 0.000001 })).toEqual([]);
  });

  it('names each bad limit under meta.', () => {
    expect(
      validateProgramLimits({
        drawdown_type: 'trailing',
        max_contracts: 0,
        max_risk_percent: 0,
      }),
    ).toEqual([
      'meta.drawdown_type: must be one of static, eod_trailing, intraday_trailing, eod_trailing_until_lock, intraday_trailing_until_lock',
      'meta.max_contracts: must be at least 1',
      'meta.max_risk_percent: must be greater than 0',
    ]);
    expect(validateProgramLimits({ max_risk_percent: 1.01, max_contracts: 2.5 })).toEqual([
      'meta.max_contracts: must be an integer',
      'meta.max_risk_percent: must be at most 1',
    ]);
    expect(validateProgramLimits({ max_risk_percent: 0.0000001 })).toEqual([
      'meta.max_risk_percent: must have at most 6 decimal places',
    ]);
  });

  it('uses the prefix it is given', () => {
    expect(validateProgramLimits({ max_contracts: 0 }, 'programs[0].meta.')).toEqual([
      'programs[0].meta.max_contracts: must be at least 1',
    ]);
  });

  describe('scaling_ladder', () => {
    it('must be an array of objects', () => {
      expect(validateProgramLimits({ scaling_ladder: { min_profit: 0 } })).toEqual([
        'meta.scaling_ladder: must be an array of {min_profit, max_contracts}',
      ]);
      expect(validateProgramLimits({ scaling_ladder: [5] })).toEqual([
        'meta.scaling_ladder[0]: must be an object {min_profit, max_contracts}',
      ]);
    });

    it('needs both fields of a rung, and no others', () => {
      expect(
        validateProgramLimits({ scaling_ladder: [{ min_profit: 0, max_contracts: 1, size: 2 }, {}] }),
      ).toEqual([
        'meta.scaling_ladder[0].size: unknown field (a rung has min_profit and max_contracts)',
        'meta.scaling_ladder[1].min_profit: is required',
        'meta.scaling_ladder[1].max_contracts: is required',
      ]);
    });

    it('must ascend strictly by min_profit', () => {
      expect(
        validateProgramLimits({
          scaling_ladder: [
            { min_profit: 1000, max_contracts: 2 },
            { min_profit: 1000, max_contracts: 3 },
            { min_profit: 500, max_contracts: 4 },
          ],
        }),
      ).toEqual([
        'meta.scaling_ladder[1].min_profit: must be greater than the previous rung (ascending order)',
        'meta.scaling_ladder[2].min_profit: must be greater than the previous rung (ascending order)',
      ]);
    });
  });
});

describe('readProgramLimits', () => {
  it('reads valid limits as typed values', () => {
    expect(
      readProgramLimits({
        drawdown_type: 'eod_trailing',
        max_contracts: 5,
        max_risk_percent: 0.02,
        scaling_ladder: [{ min_profit: 0, max_contracts: 2 }],
      }),
    ).toEqual({
      drawdownType: 'eod_trailing',
      maxContracts: 5,
      maxRiskPercent: 0.02,
      scalingLadder: [{ min_profit: 0, max_contracts: 2 }],
    });
  });

  it('reads an invalid value as absent, and a ladder with any bad rung as empty', () => {
    expect(
      readProgramLimits({
        drawdown_type: 'trailing',
        max_contracts: 0,
        max_risk_percent: 1.5,
        scaling_ladder: [
          { min_profit: 0, max_contracts: 2 },
          { min_profit: -1, max_contracts: 3 },
        ],
      }),
    ).toEqual({ drawdownType: null, maxContracts: null, maxRiskPercent: null, scalingLadder: [] });
  });

  it('reads a ladder with a rung of unknown fields as empty', () => {
    expect(
      readProgramLimits({ scaling_ladder: [{ min_profit: 0, max_contracts: 1, x: 1 }] }).scalingLadder,
    ).toEqual([]);
  });

  it('zero risk is absent, not a limit of zero', () => {
    expect(readProgramLimits({ max_risk_percent: 0 }).maxRiskPercent).toBeNull();
  });
});
