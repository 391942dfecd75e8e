import { Agent, request } from 'node:http';
import { withClient } from '../../test/support/test-database';

export const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';
export const WEBHOOK_PATH = '/api/webhooks/tradingview';

/** A TradingView-style entry for the three bench firms, one program each: sizing, risk and three orders. */
export function entryBody(tradeId: string, firms: readonly string[], programIds: number[]): string {
  return JSON.stringify({
    secret: WEBHOOK_SECRET,
    trade_id: tradeId,
    event_type: 'entry',
    symbol: 'NQ1!',
    side: 'buy',
    order_type: 'market',
    entry_price: 21500.25,
    stop_loss: 21490.25,
    risk_percent: 0.01,
    firm_codes: firms,
    program_ids: programIds,
  });
}

/** The smallest (50k) program of each firm, from the registry the service seeded at start-up. */
export async function programIdsFor(databaseUrl: string, firms: readonly string[]): Promise<number[]> {
  return withClient(databaseUrl, async (c) => {
    const r = await c.query<{ code: string; id: number }>(
      `SELECT DISTINCT ON (f.code) f.code, p.id FROM prop_programs p JOIN prop_firms f ON f.id = p.firm_id
       WHERE f.code = ANY($1) ORDER BY f.code, p.account_size, p.id`,
      [firms],
    );
    if (r.rows.length !== firms.length) throw new Error(`registry programs missing for ${firms.join(', ')}`);
    return firms.map((code) => r.rows.find((row) => row.code === code)!.id);
  });
}

export interface PostResult {
  status: number;
  body: string;
}

/** A keep-alive HTTP client for paced senders (autocannon drives the closed-loop load). */
export class LoopbackClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly baseUrl: string) {}

  post(path: string, body: string, headers: Record<string, string> = {}): Promise<PostResult> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.baseUrl}${path}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
