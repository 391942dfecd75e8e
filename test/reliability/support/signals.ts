import { HttpClient, RawResponse } from './http-client';

export const WEBHOOK_PATH = '/api/webhooks/tradingview';

/** A valid entry signal for the given firms: a market order of `quantity` NQ, unique trade id. */
export function entrySignal(
  tradeId: string,
  firms: readonly string[],
  secret: string,
  quantity = 1,
): Record<string, unknown> {
  return {
    secret,
    trade_id: tradeId,
    event_type: 'entry',
    symbol: 'NQ',
    side: tradeId.length % 2 === 0 ? 'buy' : 'sell',
    quantity,
    order_type: 'market',
    firm_codes: [...firms],
  };
}

export interface SentSignal {
  tradeId: string;
  response: RawResponse;
  /** The task id of a 2xx answer. */
  taskId?: number;
}

/** Posts one signal; a 2xx answer's task id is kept. */
export async function postSignal(client: HttpClient, body: Record<string, unknown>): Promise<SentSignal> {
  const response = await client.json('POST', WEBHOOK_PATH, body);
  const json = response.json as { task_id?: unknown } | undefined;
  const taskId = response.status >= 200 && response.status < 300 ? Number(json?.task_id) : undefined;
  return { tradeId: String(body.trade_id), response, taskId };
}
