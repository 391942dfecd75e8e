import { Platforms, platformEnv, PlatformFirms, startPlatforms } from '../../test/support/platforms';

/** Three registry firms on the three platforms: APEX on generic REST, MFFU on Tradovate, TOPSTEP on ProjectX. */
export const BENCH_FIRMS = ['APEX', 'MFFU', 'TOPSTEP'] as const;
export type BenchFirm = (typeof BENCH_FIRMS)[number];
const FIRMS: PlatformFirms = { rest: 'APEX', tradovate: 'MFFU', projectx: 'TOPSTEP' };

export type PlatformFakes = Platforms<BenchFirm>;

/** The shared fakes (test/support/platforms.ts), with the bench's firms pointing at them. */
export function startPlatformFakes(): Promise<PlatformFakes> {
  return startPlatforms<BenchFirm>({ firms: FIRMS });
}

/** Firm settings for dry-run scenarios: the same three firms, enabled, pointing nowhere (nothing is sent). */
export function dryRunFirmEnv(): Record<string, string> {
  const unused = 'http://127.0.0.1:9';
  return platformEnv({ rest: unused, tradovate: unused, projectx: unused }, { firms: FIRMS });
}
