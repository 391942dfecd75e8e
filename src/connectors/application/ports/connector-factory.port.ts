import type { FirmConnectorSettings } from '../../domain/firm-connector-settings';
import type { BrokerConnector } from './broker-connector.port';

/**
 * Builds the platform adapter for one firm. Bound in ConnectorsModule; a test swaps it (or the adapters it
 * returns) through DI. Building makes no network call.
 */
export abstract class ConnectorFactory {
  /** Names of the platform settings the firm lacks (e.g. `APEX_API_KEY`); empty when it can be built. */
  abstract missingSettings(settings: FirmConnectorSettings): string[];
  /** The firm's adapter; throws ConnectorConfigError naming what is missing. */
  abstract create(settings: FirmConnectorSettings): BrokerConnector;
}
