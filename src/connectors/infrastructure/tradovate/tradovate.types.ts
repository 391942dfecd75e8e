/** Tradovate REST shapes used by the adapter (field names from partner.tradovate.com / the official OpenAPI). */

export interface TradovateTokenResponse {
  accessToken?: string;
  expirationTime?: string;
  errorText?: string;
  userId?: number;
  userStatus?: string;
}

/** `PlaceOrderResult` of placeorder / placeoso / liquidateposition; `CommandResult` of cancelorder. */
export interface TradovateCommandResult {
  failureReason?: string | null;
  failureText?: string | null;
  orderId?: number | null;
  oso1Id?: number | null;
  oso2Id?: number | null;
  commandId?: number | null;
}

export type TradovateAction = 'Buy' | 'Sell';
export type TradovateOrderType = 'Market' | 'Limit' | 'Stop' | 'TrailingStop';

export interface TradovateBracket {
  action: TradovateAction;
  orderType: TradovateOrderType;
  price?: number;
  stopPrice?: number;
  /**
   * A TrailingStop's distance from the market, signed the way the stop sits: negative for a Sell stop (below
   * the market), positive for a Buy stop (UNCERTAIN in platform-apis.md: the sign as public clients send it).
   */
  pegDifference?: number;
}

export interface TradovatePlaceOrderBody {
  accountSpec: string;
  accountId: number;
  clOrdId: string;
  action: TradovateAction;
  symbol: string;
  orderQty: number;
  orderType: TradovateOrderType;
  price?: number;
  stopPrice?: number;
  isAutomated: true;
  bracket1?: TradovateBracket;
  bracket2?: TradovateBracket;
}

export interface TradovateOrder {
  id: number;
  accountId: number;
  contractId?: number;
  timestamp: string;
  action: TradovateAction;
  ordStatus: string;
  admin: boolean;
  ocoId?: number | null;
  parentId?: number | null;
  linkedId?: number | null;
}

/** The command that created (New), changed or cancelled an order: the only entity carrying `clOrdId`. */
export interface TradovateCommand {
  id: number;
  orderId: number;
  timestamp: string;
  clOrdId?: string | null;
  commandType: 'New' | 'Modify' | 'Cancel';
  commandStatus: string;
}

export interface TradovatePosition {
  id: number;
  accountId: number;
  contractId: number;
  netPos: number;
}

export interface TradovateContract {
  id: number;
  name: string;
  contractMaturityId?: number;
}

/** A penalty ticket: HTTP 200 whose body carries these instead of the result. */
export interface TradovatePenalty {
  'p-ticket': string;
  'p-time'?: number;
  'p-captcha'?: boolean;
}

export function isPenalty(body: unknown): body is TradovatePenalty {
  return (
    typeof body === 'object' && body !== null && typeof (body as TradovatePenalty)['p-ticket'] === 'string'
  );
}
