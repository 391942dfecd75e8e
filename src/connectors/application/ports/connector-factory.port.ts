import type { ConnectorPlatform, FirmResilienceSettings } from '../../domain/firm-connector-settings';
import type { RequestGate } from '../rate-limiter';
import type { PlatformLogin } from './broker-connector.port';

/** What one login is built from: a connection, as the gateway resolved it. */
export interface LoginTarget {
  connectionId: number;
  /** For messages: the firm code of an env connection, else `connection "<name>"`. */
  subject: string;
  platform: ConnectorPlatform;
  /** `env`: settings come from `{envFirm}_*` (the seed's variables); `api`: from `credentials` and `baseUrl`. */
  source: 'api' | 'env';
  envFirm: string | null;
  environment: 'demo' | 'live';
  baseUrl: string;
  /** Field name → value (API connections); `{}` for env connections. Never logged. */
  credentials: Record<string, string>;
  resilience: FirmResilienceSettings;
}

/**
 * Builds the platform login for one connection. Bound in ConnectorsModule; a test swaps it (or the adapters
 * it returns) through DI. Building makes no network call.
 */
export abstract class ConnectorFactory {
  /** Names of the settings the connection lacks (e.g. `APEX_API_KEY`, `api_key`); empty when it can be built. */
  abstract missingSettings(target: LoginTarget): string[];
  /** The connection's login; every HTTP request it sends first awaits `gate`. Throws ConnectorConfigError. */
  abstract login(target: LoginTarget, gate: RequestGate): PlatformLogin;
}
