import { parseJsonImport, type ImportRecord } from './import-records';

function records(doc: unknown): ImportRecord[] {
  const parsed = parseJsonImport(doc);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.records;
}

describe('parseJsonImport', () => {
  it('refuses a document that is neither an array nor an object', () => {
    for (const doc of ['firms', 5, null]) {
      expect(parseJsonImport(doc)).toEqual({
        ok: false,
        problems: ['document: must be an array of firms or an object with firms, programs, scaling_rules'],
      });
    }
  });

  it('names every unknown top-level key and every list that is not an array', () => {
    expect(parseJsonImport({ firm: [], extra: 1, programs: {}, scaling_rules: 'x' })).toEqual({
      ok: false,
      problems: [
        'firm: unknown top-level key (expected firms, programs, scaling_rules)',
        'extra: unknown top-level key (expected firms, programs, scaling_rules)',
        'programs: must be an array',
        'scaling_rules: must be an array',
      ],
    });
  });

  it('reads an array as the firms; an empty document has no records', () => {
    expect(records([{ code: 'A', name: 'A' }])).toEqual([
      { source: 'firms[0]', entity: 'firm', fields: { code: 'A', name: 'A' } },
    ]);
    expect(records({})).toEqual([]);
  });

  it('flattens nesting in document order, each record with its source and natural keys', () => {
    const out = records({
      firms: [
        {
          code: 'APEX',
          name: 'Apex',
          programs: [{ name: '50k', account_size: 50000, scaling_rules: [{ scale_factor: 1.5 }] }],
          scaling_rules: [{ step_number: 2, scale_factor: 2 }],
        },
      ],
      programs: [{ firm_code: 'APEX', name: '100k', account_size: 100000 }],
      scaling_rules: [{ firm_code: 'APEX', program_name: '100k', account_size: 100000, scale_factor: 1.1 }],
    });
    expect(out.map((r) => [r.source, r.entity])).toEqual([
      ['firms[0]', 'firm'],
      ['firms[0].programs[0]', 'program'],
      ['firms[0].programs[0].scaling_rules[0]', 'scaling_rule'],
      ['firms[0].scaling_rules[0]', 'scaling_rule'],
      ['programs[0]', 'program'],
      ['scaling_rules[0]', 'scaling_rule'],
    ]);
    expect(out[1]).toMatchObject({ firm_code: 'APEX', fields: { name: '50k', account_size: 50000 } });
    expect(out[2]).toMatchObject({ firm_code: 'APEX', program: { name: '50k', account_size: 50000 } });
    expect(out[3]).toMatchObject({
      firm_code: 'APEX',
      program: null,
      fields: { step_number: 2, scale_factor: 2 },
    });
    expect(out[5]).toMatchObject({
      firm_code: 'APEX',
      program: { name: '100k', account_size: 100000 },
      fields: { scale_factor: 1.1 },
    });
  });

  it('keeps keys that are not columns in meta, under the meta given, without nesting keys', () => {
    const [firm, program] = records([
      {
        code: 'A',
        name: 'A',
        source_url: 'https://x',
        programs: [{ name: 'P', account_size: 1, max_contracts: 5, meta: { note: 'n', max_contracts: 3 } }],
      },
    ]);
    expect(firm.fields).toEqual({ code: 'A', name: 'A', meta: { source_url: 'https://x' } });
    // the record's own meta wins over a loose key of the same name
    expect(program.fields).toEqual({ name: 'P', account_size: 1, meta: { note: 'n', max_contracts: 3 } });
  });

  it('leaves a meta that is not an object as it is, for validation to refuse', () => {
    const [firm] = records([{ code: 'A', name: 'A', extra: 1, meta: 'text' }]);
    expect(firm.fields.meta).toBe('text');
  });

  it('a record that is not an object becomes an empty record, so that its required fields are reported', () => {
    const out = records({ firms: ['APEX'], programs: [7], scaling_rules: [null] });
    expect(out).toEqual([
      { source: 'firms[0]', entity: 'firm', fields: {} },
      { source: 'programs[0]', entity: 'program', firm_code: undefined, fields: {} },
      { source: 'scaling_rules[0]', entity: 'scaling_rule', firm_code: undefined, program: null, fields: {} },
    ]);
  });

  it('a top-level rule without program_name is firm-wide', () => {
    const [rule] = records({ scaling_rules: [{ firm_code: 'A', account_size: 5, scale_factor: 1.2 }] });
    expect(rule).toMatchObject({ program: null, fields: { scale_factor: 1.2 } });
  });
});
