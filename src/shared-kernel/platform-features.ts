/**
 * What each platform PropRouter trades on can do natively with an entry's stop loss (README "Trailing stops
 * and break-even"): one table, read by routing's intake (an alert asking for what a targeted account's
 * platform lacks is a 400 naming the platform) and by the adapters (which refuse such an order rather than
 * drop the feature). `paper` is PropRouter's own paper platform; `rest` the generic REST API.
 */
export type StopFeature = 'trailing_stop' | 'break_even';

const FEATURES: Record<string, readonly StopFeature[]> = {
  // placeoso bracket orderType TrailingStop; orderStrategy/startOrderStrategy bracket breakeven
  tradovate: ['trailing_stop', 'break_even'],
  // stopLossBracket type 5 (TrailingStop); no break-even in the Gateway API
  projectx: ['trailing_stop'],
  rest: [],
  paper: [],
};

/** Whether the platform supports the feature natively; an unknown or unset platform supports nothing. */
export function platformSupports(platform: string | null, feature: StopFeature): boolean {
  return platform !== null && (FEATURES[platform] ?? []).includes(feature);
}

/** The platforms that support the feature, for messages ("tradovate, projectx"). */
export function platformsWith(feature: StopFeature): string[] {
  return Object.keys(FEATURES).filter((p) => FEATURES[p].includes(feature));
}

/** Why an order asking for a stop feature the platform lacks cannot be sent ("rest: a trailing stop is …"), or null. */
export function stopFeatureRefusal(
  platform: string,
  order: { trail_distance?: number; break_even_ticks?: number },
): string | null {
  const missing =
    order.trail_distance !== undefined && !platformSupports(platform, 'trailing_stop')
      ? 'a trailing stop'
      : order.break_even_ticks !== undefined && !platformSupports(platform, 'break_even')
        ? 'a break-even move'
        : null;
  return missing && `${platform}: ${missing} is not supported on this platform`;
}
