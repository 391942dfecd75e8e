import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFirmFlatBy } from './firm-flat-by';
import { checkFirm, FIRM_DEFAULTS } from './registry-validation';

const SRC = { source: 'reference/firm-rules.md', as_of: '2026' };

describe('firm meta.flat_by', () => {
  it('reads a time in an IANA zone, what the firm does on an early close, its source', () => {
    expect(
      parseFirmFlatBy({ time: '15:10', time_zone: 'America/Chicago', early_close: 'exchange_close', ...SRC }),
    ).toEqual({
      flatBy: {
        time: '15:10',
        time_zone: 'America/Chicago',
        early_close: 'exchange_close',
        ...SRC,
        note: null,
      },
      problems: [],
    });
    expect(parseFirmFlatBy(undefined)).toEqual({ flatBy: null, problems: [] });
  });

  it('names every problem on a firm write', () => {
    const checked = checkFirm({
      ...FIRM_DEFAULTS,
      code: 'TOPSTEP',
      name: 'Topstep',
      meta: { flat_by: { time: '3:10', time_zone: 'CT', early_close: 'sometimes', note: 5 } },
    });
    expect(checked.ok ? [] : checked.problems).toEqual([
      'meta.flat_by.time: must be HH:MM (24-hour)',
      'meta.flat_by.time_zone: must be an IANA time zone, e.g. America/Chicago',
      'meta.flat_by.early_close: must be one of exchange_close, none',
      'meta.flat_by.source: is required',
      'meta.flat_by.as_of: is required',
      'meta.flat_by.note: must be a non-empty string',
    ]);
    expect(checkFirm({ ...FIRM_DEFAULTS, code: 'X', name: 'X', meta: { flat_by: '16:59' } })).toEqual({
      ok: false,
      problems: ['meta.flat_by: must be an object'],
    });
  });

  it('is stated, valid, for the catalogue firms whose rule the reference gives, and only them', () => {
    const catalogue = JSON.parse(
      readFileSync(join(__dirname, '../../../catalog/prop-firms.json'), 'utf8'),
    ) as { firms: { code: string; meta: Record<string, unknown> }[] };
    const stated = catalogue.firms.map((f) => {
      const { flatBy, problems } = parseFirmFlatBy(f.meta.flat_by);
      return [f.code, flatBy && `${flatBy.time} ${flatBy.time_zone}`, problems];
    });
    expect(stated).toEqual([
      ['FTMO', null, []],
      ['APEX', '16:59 America/New_York', []],
      ['TOPSTEP', '15:10 America/Chicago', []],
      ['MFFU', null, []],
      ['ALPHA', '16:20 America/New_York', []],
      ['TOPONE', null, []],
      ['TRADEIFY', '16:59 America/New_York', []],
      ['FUNDINGTICKS', null, []],
      ['FUNDEDNEXT', '16:50 America/New_York', []],
      ['AQUA', '16:10 America/New_York', []],
      ['TPT', '17:00 America/New_York', []],
    ]);
  });
});
