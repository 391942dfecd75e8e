import type { Signal } from './signal';
import { platformsWith, platformSupports, StopFeature } from '../../shared-kernel/platform-features';

/** How a targeted account turns an alert into a quantity, as the intake's check sees it. */
export interface SizingView {
  label: string;
  /** `env`: an `env:{FIRM}` account (sized for the alert's program_ids, else it takes the alert's quantity). */
  mode: 'risk' | 'fixed' | 'multiplier' | 'env';
}

/**
 * Whether one account can come to a quantity for an entry: a fixed account always can; any other needs the
 * alert's quantity, or (risk mode, or an `env:` account sized for the alert's programs) a stop loss and an
 * entry price to size from.
 */
export function canSize(
  a: SizingView,
  s: Pick<Signal, 'quantity' | 'stop_loss' | 'entry_price' | 'program_ids'>,
): boolean {
  if (a.mode === 'fixed' || s.quantity !== null) return true;
  const sizedByRisk = a.mode === 'risk' || (a.mode === 'env' && s.program_ids.length > 0);
  return sizedByRisk && s.stop_loss !== null && s.entry_price !== null;
}

/**
 * An entry no targeted account can size is sure to fail in every one of them (each would end FAILED
 * MISSING_QUANTITY or be refused by sizing): the problem naming them, else null. No targets: null (the task
 * ends NOTHING_TO_DO, with its reason).
 */
export function unsizableEntryProblem(
  s: Pick<Signal, 'event_type' | 'quantity' | 'stop_loss' | 'entry_price' | 'program_ids'>,
  accounts: SizingView[],
): string | null {
  if (s.event_type !== 'entry' || accounts.length === 0 || accounts.some((a) => canSize(a, s))) return null;
  const names = accounts.map((a) => `"${a.label}" (${a.mode === 'env' ? 'env' : a.mode} sizing)`).join(', ');
  return (
    `quantity: no quantity, and no stop loss with an entry price to size from: no targeted account can size ` +
    `this entry (${names}); give quantity (or contracts, qty), or a stop loss and price`
  );
}

/** A targeted account as the feature check sees it: its label and platform (null: not configured). */
export interface PlatformView {
  label: string;
  platform: string | null;
}

/**
 * An entry asking for a trailing stop or a break-even move that a targeted account's platform cannot do
 * natively: one problem per feature, naming the platforms and their accounts (never silently dropped).
 */
export function unsupportedStopProblems(
  s: Pick<Signal, 'event_type' | 'trail_distance' | 'break_even_ticks'>,
  accounts: PlatformView[],
): string[] {
  if (s.event_type !== 'entry') return [];
  const asked: [StopFeature, string, string][] = [];
  if (s.trail_distance) asked.push(['trailing_stop', 'stopLoss.type', 'trailing stops']);
  if (s.break_even_ticks) asked.push(['break_even', 'break_even_ticks', 'break-even moves']);
  return asked.flatMap(([feature, field, what]) => {
    const lacking = accounts.filter((a) => !platformSupports(a.platform, feature));
    if (lacking.length === 0) return [];
    const byPlatform = new Map<string, string[]>();
    for (const a of lacking) {
      const p = a.platform ?? 'no platform';
      byPlatform.set(p, [...(byPlatform.get(p) ?? []), `"${a.label}"`]);
    }
    const where = [...byPlatform].map(([p, labels]) => `${p} (${labels.join(', ')})`).join('; ');
    const able = platformsWith(feature);
    const only = able.length > 0 ? `only on ${able.join(', ')}` : 'no platform adapter sends them yet';
    return [`${field}: ${what} are not supported on ${where}: ${only}; target other accounts or drop it`];
  });
}
