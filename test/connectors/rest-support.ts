import { Metrics } from '../../src/platform/metrics/metrics';
import { FirmEnvReader } from '../../src/platform/config/firm-env.reader';
import { ConnectorGatewayService } from '../../src/connectors/application/connector-gateway.service';
import { FirmSettingsReader } from '../../src/connectors/application/firm-settings.reader';
import type { ConnectorFactory } from '../../src/connectors/application/ports/connector-factory.port';
import type { NormalizedOrder } from '../../src/connectors/application/ports/connector-gateway.port';
import { PlatformHttpClients } from '../../src/connectors/infrastructure/http/platform-http-clients';
import { PlatformConnectorFactory } from '../../src/connectors/infrastructure/platform-connector.factory';
import { SystemClock } from '../../src/platform/time/clock';
import { ContractCatalog, ContractSpec } from '../../src/sizing/application/ports/contract-catalog.port';
import { PLATFORM_TEST_TIMEOUT_MS } from '../support/platforms';
import { InMemoryAccountDirectory } from './support/in-memory-directory';

export const API_KEY = 'rest-api-key-0123456789';

/** A firm on the generic REST adapter pointing at `url`, with fast retries and a small breaker. */
export function restFirmEnv(
  firm: string,
  url: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    [`${firm}_ENABLED`]: 'true',
    [`${firm}_PLATFORM`]: 'rest',
    [`${firm}_API_KEY`]: API_KEY,
    [`${firm}_BASE_URL`]: `${url}/v1`,
    [`${firm}_TIMEOUT_MS`]: String(PLATFORM_TEST_TIMEOUT_MS),
    [`${firm}_MAX_RETRIES`]: '2',
    [`${firm}_RETRY_BASE_DELAY_MS`]: '10',
    [`${firm}_RETRY_MAX_DELAY_MS`]: '3000',
    [`${firm}_BREAKER_THRESHOLD`]: '3',
    [`${firm}_BREAKER_HALF_OPEN_MS`]: '300',
    ...extra,
  };
}

export interface GatewayUnderTest {
  gateway: ConnectorGatewayService;
  directory: InMemoryAccountDirectory;
  clients: PlatformHttpClients;
  factory: ConnectorFactory;
  /** The id of the firm's `env:{FIRM}` account (created on first use), as the seed-era tests address it. */
  id(firm: string): number;
  /** The breaker of the firm's env connection. */
  circuit(firm: string): string | undefined;
  close(): void;
}

/**
 * The real gateway, factory and HTTP clients, built with `new` over an explicit environment and an in-memory
 * account directory (`env:{FIRM}` accounts on demand; API connections added by the test).
 */
export function buildGateway(
  env: Record<string, string>,
  wrap: (factory: ConnectorFactory) => ConnectorFactory = (f) => f,
): GatewayUnderTest {
  const reader = new FirmEnvReader(env);
  const clients = new PlatformHttpClients();
  const factory = wrap(
    new PlatformConnectorFactory(reader, clients, new SystemClock(), new FixedContracts()),
  );
  const directory = new InMemoryAccountDirectory();
  const gateway = new ConnectorGatewayService(
    directory,
    new FirmSettingsReader(reader),
    factory,
    new Metrics(),
  );
  return {
    gateway,
    directory,
    clients,
    factory,
    id: (firm) => directory.envAccount(firm).id,
    circuit: (firm) => {
      const connectionId = directory.envAccount(firm).connectionId;
      return gateway.connections.all().find((e) => e.connectionId === connectionId)?.policy.circuit;
    },
    close: () => clients.onApplicationShutdown(),
  };
}

/** A hand-written catalogue of the few roots these tests trade. */
export class FixedContracts extends ContractCatalog {
  private readonly specs: Record<string, ContractSpec> = {
    NQ: { root: 'NQ', pointValue: 20, tickSize: 0.25, description: 'E-mini Nasdaq-100' },
    ES: { root: 'ES', pointValue: 50, tickSize: 0.25, description: 'E-mini S&P 500' },
  };
  normalize(symbol: string): string | null {
    const root = /^([A-Z]+?)(?:[FGHJKMNQUVXZ]\d{1,4}|1!)?$/.exec(symbol.trim().toUpperCase())?.[1];
    return root && this.specs[root] ? root : null;
  }
  spec(symbolOrRoot: string): ContractSpec | null {
    const root = this.normalize(symbolOrRoot);
    return root ? { ...this.specs[root] } : null;
  }
}

let seq = 0;
export function marketOrder(overrides: Partial<NormalizedOrder> = {}): NormalizedOrder {
  seq += 1;
  return {
    symbol: 'NQ',
    side: 'BUY',
    quantity: 2,
    order_type: 'MARKET',
    client_order_id: `coid-${process.pid}-${seq}`,
    ...overrides,
  };
}
