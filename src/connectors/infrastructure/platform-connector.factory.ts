import { Injectable, Optional } from '@nestjs/common';
import { FirmEnvReader } from '../../platform/config/firm-env.reader';
import { Clock } from '../../platform/time/clock';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import type { PlatformLogin } from '../application/ports/broker-connector.port';
import { ConnectorFactory, LoginTarget } from '../application/ports/connector-factory.port';
import type { RequestGate } from '../application/rate-limiter';
import { ConnectorConfigError } from '../domain/connector-errors';
import { projectXLoginFromCredentials, readProjectXConfig } from './config/projectx.config';
import { readRestConfig, restLoginFromCredentials } from './config/rest.config';
import { readTradovateConfig, tradovateLoginFromCredentials } from './config/tradovate.config';
import { PlatformHttpClients } from './http/platform-http-clients';
import { PaperVenue } from '../application/paper-venue.service';
import { PaperLogin } from './paper/paper-login';
import { ProjectXLogin } from './projectx/projectx-login';
import { RestLogin } from './rest/rest-login';
import { TradovateLogin } from './tradovate/tradovate-login';

/**
 * Builds each connection's login for its platform, with the HTTP client of the platform's host. An env
 * connection reads the seed's `{FIRM}_*` settings (infrastructure/config/); an API connection its
 * credentials and base URL.
 */
@Injectable()
export class PlatformConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly env: FirmEnvReader,
    private readonly http: PlatformHttpClients,
    private readonly clock: Clock,
    private readonly contracts: ContractCatalog,
    /** Absent where no paper ledger is wired (the connector contract tests): a paper connection is then not configured. */
    @Optional() private readonly paper?: PaperVenue,
  ) {
    super();
  }

  missingSettings(target: LoginTarget): string[] {
    if (target.platform === 'paper') return this.paper ? [] : ['the paper ledger'];
    return target.source === 'env' ? this.fromEnv(target).missing : this.fromApi(target).missing;
  }

  login(target: LoginTarget, gate: RequestGate): PlatformLogin {
    // the paper platform (issue 19): no credentials, no URL, no network, from an env firm or the API alike
    if (target.platform === 'paper') {
      if (!this.paper) throw new ConnectorConfigError(target.subject, ['the paper ledger']);
      return new PaperLogin(target.connectionId, this.paper);
    }
    const built = target.source === 'env' ? this.fromEnv(target, gate) : this.fromApi(target, gate);
    if (!built.login) throw new ConnectorConfigError(target.subject, built.missing);
    return built.login;
  }

  /** The seed's `{FIRM}_*` variables, read exactly as before accounts existed. */
  private fromEnv(target: LoginTarget, gate?: RequestGate): { login?: PlatformLogin; missing: string[] } {
    const firm = target.envFirm ?? target.subject;
    const { clock, contracts } = this;
    const client = (baseUrl: string) => this.http.forHost(baseUrl, target.resilience.timeoutMs);
    if (target.platform === 'rest') {
      const { config, missing } = readRestConfig(firm, this.env);
      return { missing, login: config && gate && new RestLogin(config, client(config.baseUrl), gate) };
    }
    if (target.platform === 'tradovate') {
      const { config, missing } = readTradovateConfig(firm, this.env);
      if (!config || !gate) return { missing };
      const { accountId, accountSpec, ...login } = config;
      const http = client(config.baseUrl);
      const defaultAccount = { accountId, accountSpec };
      return {
        missing,
        login: new TradovateLogin({ config: login, http, clock, contracts, gate, defaultAccount }),
      };
    }
    if (target.platform === 'paper') return { missing: [] };
    const { config, missing } = readProjectXConfig(firm, this.env);
    if (!config || !gate) return { missing };
    const { accountId: defaultAccountId, ...login } = config;
    const http = client(config.baseUrl);
    return {
      missing,
      login: new ProjectXLogin({ config: login, http, clock, contracts, gate, defaultAccountId }),
    };
  }

  /** An API connection: its credentials (decrypted by the accounts context) and base URL. */
  private fromApi(target: LoginTarget, gate?: RequestGate): { login?: PlatformLogin; missing: string[] } {
    const { credentials, baseUrl, connectionId } = target;
    const { clock, contracts } = this;
    const client = (url: string) => this.http.forHost(url, target.resilience.timeoutMs);
    if (target.platform === 'rest') {
      const { config, missing } = restLoginFromCredentials(credentials, baseUrl);
      return { missing, login: config && gate && new RestLogin(config, client(config.baseUrl), gate) };
    }
    if (target.platform === 'tradovate') {
      const { config, missing } = tradovateLoginFromCredentials(credentials, baseUrl, connectionId);
      if (!config || !gate) return { missing };
      return {
        missing,
        login: new TradovateLogin({ config, http: client(config.baseUrl), clock, contracts, gate }),
      };
    }
    if (target.platform === 'paper') return { missing: [] };
    const { config, missing } = projectXLoginFromCredentials(
      credentials,
      baseUrl,
      target.environment === 'live',
    );
    if (!config || !gate) return { missing };
    return {
      missing,
      login: new ProjectXLogin({ config, http: client(config.baseUrl), clock, contracts, gate }),
    };
  }
}
