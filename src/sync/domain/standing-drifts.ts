import type { Drift } from './drift';

/** A drift as the store keeps it: one standing row per account and key, until a round no longer sees it. */
export interface StandingDrift {
  key: string;
  root: string;
}

/**
 * Dedupe across rounds: the drifts found now that are not already standing (to record), and the standing ones
 * this round no longer sees (resolved). A standing drift on a root skipped this round stays as it is.
 */
export function compareWithStanding(
  found: readonly Drift[],
  standing: readonly StandingDrift[],
  skippedRoots: readonly string[],
): { fresh: Drift[]; resolvedKeys: string[] } {
  const standingKeys = new Set(standing.map((s) => s.key));
  const foundKeys = new Set(found.map((d) => d.key));
  const skipped = new Set(skippedRoots);
  return {
    fresh: found.filter((d) => !standingKeys.has(d.key)),
    resolvedKeys: standing.filter((s) => !foundKeys.has(s.key) && !skipped.has(s.root)).map((s) => s.key),
  };
}
