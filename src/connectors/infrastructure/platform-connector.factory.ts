import { Injectable } from '@nestjs/common';
import { FirmEnvReader } from '../../platform/config/firm-env.reader';
import type { BrokerConnector } from '../application/broker-connector';
import { ConnectorFactory } from '../application/connector-factory';
import { ConnectorConfigError } from '../domain/connector-errors';
import type { FirmConnectorSettings } from '../domain/firm-connector-settings';
import { PlatformHttpClients } from './http/platform-http-clients';
import { readRestConfig } from './rest/rest.config';
import { RestConnector } from './rest/rest.connector';

/** Builds each firm's adapter for its `{FIRM}_PLATFORM`, with the HTTP client of the platform's host. */
@Injectable()
export class PlatformConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly env: FirmEnvReader,
    private readonly http: PlatformHttpClients,
  ) {
    super();
  }

  missingSettings(settings: FirmConnectorSettings): string[] {
    return this.read(settings).missing;
  }

  create(settings: FirmConnectorSettings): BrokerConnector {
    const { firmCode, resilience } = settings;
    const { config, missing } = this.read(settings);
    if (!config) throw new ConnectorConfigError(firmCode, missing);
    const http = this.http.forHost(config.baseUrl, resilience.timeoutMs);
    return new RestConnector({ firmCode, config, http, supportedSymbols: settings.supportedSymbols });
  }

  private read(settings: FirmConnectorSettings) {
    switch (settings.platform) {
      case 'rest':
        return readRestConfig(settings.firmCode, this.env);
      default:
        return {
          config: undefined,
          missing: [`${settings.firmCode}_PLATFORM (no adapter for ${settings.platform})`],
        };
    }
  }
}
