import { canonical, mergeDraft, sameFields } from './registry-merge';

describe('canonical', () => {
  it('ignores key order at every depth (a JSONB round trip reorders keys)', () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonical({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('keeps array order, and tells types apart', () => {
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
    expect(canonical(1)).not.toBe(canonical('1'));
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: '1' }));
  });

  it('reads undefined as null', () => {
    expect(canonical(undefined)).toBe('null');
    expect(canonical({ a: undefined })).toBe(canonical({ a: null }));
  });
});

describe('sameFields', () => {
  it('compares only the fields of the next record', () => {
    expect(sameFields({ a: 1, b: 2, id: 9 }, { a: 1, b: 2 })).toBe(true);
    expect(sameFields({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false);
  });

  it('compares meta by content, not key order', () => {
    expect(sameFields({ meta: { x: 1, y: 2 } }, { meta: { y: 2, x: 1 } })).toBe(true);
    expect(sameFields({ meta: { x: 1 } }, { meta: { x: 1, y: 2 } })).toBe(false);
  });
});

describe('mergeDraft', () => {
  const base = { name: 'A', size: 1, meta: { a: 1, b: 2 } as Record<string, unknown> };

  it('puts the draft over the base, skipping undefined but keeping null', () => {
    expect(mergeDraft(base, { name: 'B', size: undefined }, 'replace')).toEqual({ ...base, name: 'B' });
    expect(mergeDraft(base, { size: null }, 'replace')).toEqual({ ...base, size: null });
  });

  it("meta 'merge' adds the draft's keys to the stored meta (imports)", () => {
    expect(mergeDraft(base, { meta: { b: 3, c: 4 } }, 'merge').meta).toEqual({ a: 1, b: 3, c: 4 });
  });

  it("meta 'replace' swaps the whole meta (PATCH)", () => {
    expect(mergeDraft(base, { meta: { c: 4 } }, 'replace').meta).toEqual({ c: 4 });
  });

  it("meta 'merge' with a non-object draft meta keeps the draft's value, for validation to refuse", () => {
    expect(mergeDraft(base, { meta: [1] }, 'merge').meta).toEqual([1]);
  });

  it('leaves the base untouched', () => {
    mergeDraft(base, { name: 'B', meta: { z: 1 } }, 'merge');
    expect(base).toEqual({ name: 'A', size: 1, meta: { a: 1, b: 2 } });
  });
});
