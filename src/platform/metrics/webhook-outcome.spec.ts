import { webhookOutcome } from './webhook-outcome';

describe('webhookOutcome', () => {
  it.each([
    [202, 'accepted', 'queued'],
    [200, 'duplicate', 'seen_before'],
    [400, 'refused', 'invalid'],
    [401, 'refused', 'unauthorized'],
    [403, 'refused', 'forbidden'],
    [413, 'refused', 'too_large'],
    [415, 'refused', 'unsupported_media_type'],
    [429, 'refused', 'rate_limited'],
    [503, 'refused', 'unavailable'],
    [418, 'refused', 'http_418'],
    [500, 'failed', 'http_500'],
  ])('%i → %s (%s)', (status, outcome, reason) => {
    expect(webhookOutcome(status)).toEqual({ outcome, reason });
  });
});
