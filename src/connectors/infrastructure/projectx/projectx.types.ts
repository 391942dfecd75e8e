/** ProjectX Gateway shapes used by the adapter (gateway.docs.projectx.com). */

/** Every answer carries this envelope; `errorCode` 0 means success. */
export interface ProjectXEnvelope {
  success: boolean;
  errorCode: number;
  errorMessage: string | null;
}

export interface ProjectXLoginResponse extends ProjectXEnvelope {
  token?: string | null;
}

export interface ProjectXValidateResponse extends ProjectXEnvelope {
  newToken?: string | null;
}

export interface ProjectXContract {
  id: string;
  name: string;
  description?: string;
  tickSize: number;
  tickValue: number;
  activeContract: boolean;
  symbolId?: string;
}

export interface ProjectXContractSearchResponse extends ProjectXEnvelope {
  contracts: ProjectXContract[];
}

/** Order `type` codes; brackets use the same codes (5: a trailing stop bracket, `ticks` its distance). */
export const PX_TYPE = { Limit: 1, Market: 2, Stop: 4, TrailingStop: 5 } as const;
/** Order `side`: 0 = Bid (buy), 1 = Ask (sell). */
export const PX_SIDE = { BUY: 0, SELL: 1 } as const;

export interface ProjectXBracket {
  ticks: number;
  type: number;
}

export interface ProjectXPlaceOrderBody {
  accountId: number;
  contractId: string;
  type: number;
  side: number;
  size: number;
  limitPrice: number | null;
  stopPrice: number | null;
  trailPrice: null;
  customTag: string;
  stopLossBracket: ProjectXBracket | null;
  takeProfitBracket: ProjectXBracket | null;
}

export interface ProjectXPlaceOrderResponse extends ProjectXEnvelope {
  orderId?: number | null;
}

export interface ProjectXOrder {
  id: number;
  accountId: number;
  contractId: string;
  creationTimestamp: string;
  updateTimestamp: string | null;
  status: number;
  type: number;
  side: number;
  size: number;
  limitPrice: number | null;
  stopPrice: number | null;
  customTag?: string | null;
}

export interface ProjectXOrdersResponse extends ProjectXEnvelope {
  orders: ProjectXOrder[];
}

export interface ProjectXPosition {
  id: number;
  accountId: number;
  contractId: string;
  creationTimestamp: string;
  /** 1 = long, 2 = short (as the public clients read it). */
  type: number;
  size: number;
  averagePrice: number;
}

export interface ProjectXPositionsResponse extends ProjectXEnvelope {
  positions: ProjectXPosition[];
}

/** Order `status` codes as the public clients name them. */
export const PX_STATUS_NAMES: Record<number, string> = {
  0: 'None',
  1: 'Open',
  2: 'Filled',
  3: 'Cancelled',
  4: 'Expired',
  5: 'Rejected',
  6: 'Pending',
};
