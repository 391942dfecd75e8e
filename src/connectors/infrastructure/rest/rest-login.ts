import {
  AccountTarget,
  PlatformAccountInfo,
  PlatformLogin,
  PlatformState,
} from '../../application/ports/broker-connector.port';
import { OPEN_GATE, RequestGate } from '../../application/rate-limiter';
import { ConnectorConfigError, ConnectorError } from '../../domain/connector-errors';
import type { RestConfig } from '../config/rest.config';
import {
  classifyHttpError,
  malformedResponse,
  parseJsonBody,
  requireJsonObject,
} from '../http/http-error.classifier';
import { RestConnector } from './rest.connector';
import { readRestAnswers, restState } from './rest-state';
import type { PlatformHttpClient } from '../http/platform-http-client';

/**
 * One generic REST API key (a connection): no session, just the key and the base URL, shared by the
 * accounts it trades; each account's orders carry its `account_id`. `GET {base}/accounts` lists them.
 */
export class RestLogin extends PlatformLogin {
  readonly platform = 'rest' as const;

  constructor(
    private readonly config: RestConfig,
    private readonly http: PlatformHttpClient,
    private readonly gate: RequestGate = OPEN_GATE,
  ) {
    super();
  }

  /** Seed: the generic API has no session; a configured key is all it takes. */
  async authenticate(): Promise<void> {
    if (!this.config.apiKey) throw ConnectorError.fatal('no API key');
  }

  /** `GET {base}/accounts` → `{accounts: [{account_id, name}]}` (see fakes/rest-fake.ts). */
  async listAccounts(): Promise<PlatformAccountInfo[]> {
    await this.gate.acquire('request');
    let body: Record<string, unknown>;
    try {
      const res = await this.http.request({
        method: 'GET',
        url: `${this.config.baseUrl}/accounts`,
        headers: { Authorization: `Bearer ${this.config.apiKey}` },
      });
      body = requireJsonObject(parseJsonBody(res.text, false), false);
    } catch (e) {
      throw classifyHttpError(e, { write: false });
    }
    if (!Array.isArray(body.accounts)) throw malformedResponse(body, false);
    return (body.accounts as { account_id?: unknown; name?: unknown }[]).map((a) => ({
      platform_account: String(a.account_id),
      name: typeof a.name === 'string' ? a.name : String(a.account_id),
    }));
  }

  /**
   * `GET {base}/accounts/{id}`, `/positions?account_id=`, `/fills?account_id=&since=`,
   * `/orders?account_id=&status=working` (see fakes/rest-fake.ts). An account naming no platform account
   * (`env:{FIRM}`) cannot be read.
   */
  async readState(target: AccountTarget, fillsSince: Date | null): Promise<PlatformState> {
    if (!target.platformAccount) {
      throw new ConnectorConfigError(`account "${target.label}"`, ['platform_account (the REST account id)']);
    }
    const answers = await readRestAnswers(
      this.config,
      this.http,
      this.gate,
      target.platformAccount,
      fillsSince,
    );
    return restState(answers);
  }

  connector(target: AccountTarget): RestConnector {
    const { config, http, gate } = this;
    return new RestConnector({
      firmCode: target.firmCode,
      config,
      http,
      gate,
      accountId: target.platformAccount,
    });
  }

  secrets(): string[] {
    return [this.config.apiKey];
  }
}
