import { isJsonObject } from './field-check';
import type { Draft, JsonObject } from './registry-records';

/** Key-order-independent JSON text, so that a JSONB round trip (which reorders keys) compares equal. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** True when every field of `next` equals the same field of `current`. */
export function sameFields<T extends object>(current: T, next: T): boolean {
  return Object.keys(next).every(
    (k) => canonical((current as JsonObject)[k]) === canonical((next as JsonObject)[k]),
  );
}

/**
 * The candidate record of a write: the stored fields (or the defaults) with the draft over them.
 * `meta: 'merge'` adds the draft's meta keys to the stored meta (imports); `'replace'` swaps it (PATCH).
 */
export function mergeDraft<T extends object>(base: T, draft: Draft<T>, meta: 'merge' | 'replace'): Draft<T> {
  const merged: JsonObject = { ...(base as JsonObject) };
  for (const [k, v] of Object.entries(draft)) if (v !== undefined) merged[k] = v;
  const baseMeta = (base as JsonObject).meta;
  const draftMeta = (draft as JsonObject).meta;
  if (meta === 'merge' && isJsonObject(baseMeta) && isJsonObject(draftMeta)) {
    merged.meta = { ...baseMeta, ...draftMeta };
  }
  return merged as Draft<T>;
}
