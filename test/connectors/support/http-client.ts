import type { PlatformHttpClient } from '../../../src/connectors/infrastructure/http/platform-http-client';
import { PlatformHttpClients } from '../../../src/connectors/infrastructure/http/platform-http-clients';

/** The test file's pools (one per fake's origin); idle connections do not hold the process open. */
const clients = new PlatformHttpClients();

/** The service's own HTTP client for a fake at `url`, as the factory would build it. */
export function httpClientFor(url: string, timeoutMs: number): PlatformHttpClient {
  return clients.forHost(url, timeoutMs);
}
