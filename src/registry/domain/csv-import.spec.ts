import { CSV_COLUMNS, csvRecords } from './csv-import';

const line = (n: number, cells: Record<string, string>) => ({ line: n, cells });

describe('csvRecords', () => {
  it('one line gives its firm, its program and a scaling step, in that order', () => {
    const out = csvRecords([
      line(2, {
        firm_code: 'APEX',
        firm_name: 'Apex',
        status: 'active',
        program_name: '50k',
        account_size: '50000',
        max_daily_loss: '2500.50',
        scale_factor: '1.25',
        step_number: '1',
      }),
    ]);
    expect(out).toEqual([
      { source: 'line 2', entity: 'firm', fields: { code: 'APEX', name: 'Apex', status: 'active' } },
      {
        source: 'line 2',
        entity: 'program',
        firm_code: 'APEX',
        fields: { name: '50k', account_size: 50000, max_daily_loss: 2500.5 },
      },
      {
        source: 'line 2',
        entity: 'scaling_rule',
        firm_code: 'APEX',
        program: { name: '50k', account_size: 50000 },
        fields: { step_number: 1, scale_factor: 1.25 },
      },
    ]);
  });

  it('empty and blank cells are absent; text is trimmed', () => {
    const [firm] = csvRecords([
      line(3, { firm_code: ' APEX ', firm_name: 'Apex', website_url: '  ', status: '' }),
    ]);
    expect(firm.fields).toEqual({ code: 'APEX', name: 'Apex' });
  });

  it('numeric columns become numbers only when they look like one (else validation names them)', () => {
    const [program] = csvRecords([
      line(4, {
        firm_code: 'A',
        program_name: 'P',
        account_size: '5e4',
        max_total_loss: '1,000',
        payout_split: '.8',
      }),
    ]);
    expect(program.fields).toMatchObject({ account_size: 50000, max_total_loss: '1,000', payout_split: 0.8 });
  });

  it('program limit columns go into the program meta; scaling_ladder is read as JSON', () => {
    const [program] = csvRecords([
      line(5, {
        firm_code: 'A',
        program_name: 'P',
        drawdown_type: 'eod_trailing',
        max_contracts: '10',
        scaling_ladder: '[{"min_profit":0,"max_contracts":2}]',
      }),
    ]);
    expect(program.fields.meta).toEqual({
      drawdown_type: 'eod_trailing',
      max_contracts: 10,
      scaling_ladder: [{ min_profit: 0, max_contracts: 2 }],
    });
  });

  it('a scaling_ladder that is not JSON stays text, for validation to refuse', () => {
    const [program] = csvRecords([line(6, { firm_code: 'A', program_name: 'P', scaling_ladder: '[oops' })]);
    expect((program.fields.meta as Record<string, unknown>).scaling_ladder).toBe('[oops');
  });

  it('a program without limit columns has no meta', () => {
    const [program] = csvRecords([line(7, { firm_code: 'A', program_name: 'P' })]);
    expect(program.fields).not.toHaveProperty('meta');
  });

  it('a step without program_name is firm-wide', () => {
    expect(csvRecords([line(8, { firm_code: 'A', scale_factor: '2' })])).toEqual([
      {
        source: 'line 8',
        entity: 'scaling_rule',
        firm_code: 'A',
        program: null,
        fields: { scale_factor: 2 },
      },
    ]);
  });

  it('a line with none of them names its firm, so that a missing firm is reported on that line', () => {
    expect(csvRecords([line(9, { firm_code: 'A', account_size: '5' }), line(10, {})])).toEqual([
      { source: 'line 9', entity: 'firm', fields: { code: 'A' } },
      { source: 'line 10', entity: 'firm', fields: {} },
    ]);
  });

  it('knows every program limit as a column', () => {
    expect(CSV_COLUMNS).toEqual(
      expect.arrayContaining(['drawdown_type', 'max_contracts', 'max_risk_percent', 'scaling_ladder']),
    );
  });
});
