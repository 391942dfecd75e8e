import type { ValueTransformer } from 'typeorm';

/** BIGINT ids come back from pg as strings; ids stay far below 2^53, so they are plain numbers here. */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
