import { Injectable } from '@nestjs/common';
import { FirmEnvReader } from '../../platform/config/firm-env.reader';
import { Clock } from '../../platform/time/clock';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import type { BrokerConnector } from '../application/ports/broker-connector.port';
import { ConnectorFactory } from '../application/ports/connector-factory.port';
import { ConnectorConfigError } from '../domain/connector-errors';
import type { FirmConnectorSettings } from '../domain/firm-connector-settings';
import { PlatformHttpClients } from './http/platform-http-clients';
import { readProjectXConfig } from './config/projectx.config';
import { ProjectXConnector } from './projectx/projectx.connector';
import { readRestConfig } from './config/rest.config';
import { RestConnector } from './rest/rest.connector';
import { readTradovateConfig } from './config/tradovate.config';
import { TradovateConnector } from './tradovate/tradovate.connector';

/** Builds each firm's adapter for its `{FIRM}_PLATFORM`, with the HTTP client of the platform's host. */
@Injectable()
export class PlatformConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly env: FirmEnvReader,
    private readonly http: PlatformHttpClients,
    private readonly clock: Clock,
    private readonly contracts: ContractCatalog,
  ) {
    super();
  }

  missingSettings(settings: FirmConnectorSettings): string[] {
    switch (settings.platform) {
      case 'rest':
        return readRestConfig(settings.firmCode, this.env).missing;
      case 'tradovate':
        return readTradovateConfig(settings.firmCode, this.env).missing;
      case 'projectx':
        return readProjectXConfig(settings.firmCode, this.env).missing;
      default:
        return [`${settings.firmCode}_PLATFORM`];
    }
  }

  create(settings: FirmConnectorSettings): BrokerConnector {
    const { firmCode, platform, resilience } = settings;
    const { clock, contracts } = this;
    const client = (baseUrl: string) => this.http.forHost(baseUrl, resilience.timeoutMs);
    if (platform === 'rest') {
      const { config, missing } = readRestConfig(firmCode, this.env);
      if (!config) throw new ConnectorConfigError(firmCode, missing);
      const { supportedSymbols } = settings;
      return new RestConnector({ firmCode, config, http: client(config.baseUrl), supportedSymbols });
    }
    if (platform === 'tradovate') {
      const { config, missing } = readTradovateConfig(firmCode, this.env);
      if (!config) throw new ConnectorConfigError(firmCode, missing);
      return new TradovateConnector({ firmCode, config, http: client(config.baseUrl), clock, contracts });
    }
    if (platform === 'projectx') {
      const { config, missing } = readProjectXConfig(firmCode, this.env);
      if (!config) throw new ConnectorConfigError(firmCode, missing);
      return new ProjectXConnector({ firmCode, config, http: client(config.baseUrl), clock, contracts });
    }
    throw new ConnectorConfigError(firmCode, [`${firmCode}_PLATFORM`]);
  }
}
