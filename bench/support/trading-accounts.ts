import type { FakeAccount } from '../../src/connectors/fakes/fake-platform';
import type { ConnectionBody, PlatformFirms } from '../../test/support/platforms';
import { ADMIN, serviceToken } from '../../test/support/service-http';
import { LoopbackClient } from './webhook';

export type PlatformName = keyof PlatformFirms;

/** One login (connection) at a platform fake and the trading accounts under it. */
export interface LoginLayout {
  platform: PlatformName;
  firm: string;
  programId: number;
  /** The login's accounts at the fake: platform account id and name (Tradovate's account spec). */
  accounts: FakeAccount[];
  /** Account fields beyond the defaults, e.g. `{ sizing_mode: 'fixed', fixed_quantity: 2 }`. */
  sizing?: Record<string, unknown>;
}

/** A configured account: the service's id, its label and where its orders must arrive. */
export interface ConfiguredAccount {
  id: number;
  label: string;
  platform: PlatformName;
  platformAccount: string;
}

/** What an API-configured service needs beside the bench's env: a known admin, a fixed master key. */
export const ACCOUNTS_API_ENV: Record<string, string> = {
  ADMIN_USERNAME: ADMIN.username,
  ADMIN_PASSWORD: ADMIN.password,
  // credentials are sealed under it; set, so that no key file is written into a data dir
  PROPROUTER_MASTER_KEY: Buffer.alloc(32, 11).toString('base64'),
};

/**
 * Creates one connection per login and its accounts through the accounts API (as a trader does), each
 * tagged `tag`; throws on any answer but 201.
 */
export async function configureAccounts(
  serviceUrl: string,
  connections: Record<PlatformName, ConnectionBody>,
  logins: LoginLayout[],
  tag: string,
): Promise<ConfiguredAccount[]> {
  const token = await serviceToken(serviceUrl);
  const api = new AuthedClient(serviceUrl, token);
  const out: ConfiguredAccount[] = [];
  try {
    for (const login of logins) {
      const conn = await api.post('/api/accounts/connections', connections[login.platform]);
      for (const a of login.accounts) {
        const label = `${login.platform}-${a.id}`;
        const created = await api.post('/api/accounts', {
          label,
          firm_code: login.firm,
          program_id: login.programId,
          connection_id: conn.id,
          platform_account: String(a.id),
          ...(login.platform === 'tradovate' ? { platform_account_spec: a.name } : {}),
          tags: [tag],
          ...login.sizing,
        });
        out.push({ id: created.id, label, platform: login.platform, platformAccount: String(a.id) });
      }
    }
    return out;
  } finally {
    api.close();
  }
}

class AuthedClient {
  private readonly http: LoopbackClient;

  constructor(
    baseUrl: string,
    private readonly token: string,
  ) {
    this.http = new LoopbackClient(baseUrl);
  }

  async post(path: string, body: unknown): Promise<{ id: number }> {
    const r = await this.http.post(path, JSON.stringify(body), { authorization: `Bearer ${this.token}` });
    if (r.status !== 201) throw new Error(`POST ${path} answered ${r.status}: ${r.body.slice(0, 300)}`);
    return JSON.parse(r.body) as { id: number };
  }

  close(): void {
    this.http.close();
  }
}
