import { PlatformStateService } from '../../src/connectors/application/platform-state.service';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { SystemClock } from '../../src/platform/time/clock';
import type { GatewayUnderTest } from './rest-support';

/** The real PlatformStateReader over a test gateway's directory and connections. */
export function stateReader(t: GatewayUnderTest): PlatformStateService {
  return new PlatformStateService(t.directory, t.gateway, new SystemClock());
}

/** POST /_fake/<name> on a fake (its control routes sit at the server root, beside any /v1). */
export async function control(fake: FakePlatform, name: string, body: unknown): Promise<unknown> {
  const root = new URL(fake.url).origin;
  const res = await fetch(`${root}/_fake/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`/_fake/${name} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

export const setPrice = (fake: FakePlatform, symbol: string, price: string) =>
  control(fake, 'price', { symbol, price });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
