import type {
  ProjectXAccountEntity,
  ProjectXOrderEntity,
  ProjectXPositionEntity,
  ProjectXTradeEntity,
} from './projectx-state';

/**
 * The ProjectX user hub's events (gateway.docs.projectx.com/docs/realtime): each carries the entity in the
 * shape the REST API lists it. Public clients also report the entity wrapped as `{action, data}` and batches
 * as arrays: both are unwrapped. Anything without the fields an entity needs is dropped.
 */
export interface ProjectXHubAccount extends ProjectXAccountEntity {
  canTrade?: boolean;
}
export interface ProjectXHubPosition extends ProjectXPositionEntity {
  id?: number;
}
export interface ProjectXHubOrder extends ProjectXOrderEntity {
  accountId: number;
  /** 0 None, 1 Open, 2 Filled, 3 Cancelled, 4 Expired, 5 Rejected, 6 Pending. */
  status: number;
}
export interface ProjectXHubTrade extends ProjectXTradeEntity {
  accountId: number;
}

export type ProjectXHubEvent =
  | { kind: 'account'; entity: ProjectXHubAccount }
  | { kind: 'position'; entity: ProjectXHubPosition }
  | { kind: 'order'; entity: ProjectXHubOrder }
  | { kind: 'trade'; entity: ProjectXHubTrade };

/** The user hub's event names, and which entity each carries. */
export const USER_HUB_EVENTS = {
  GatewayUserAccount: 'account',
  GatewayUserPosition: 'position',
  GatewayUserOrder: 'order',
  GatewayUserTrade: 'trade',
} as const satisfies Record<string, ProjectXHubEvent['kind']>;

type Json = Record<string, unknown>;
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The events one hub message carries (none when it is not of the named kind's shape). */
export function hubEvents(kind: ProjectXHubEvent['kind'], payload: unknown): ProjectXHubEvent[] {
  return entities(payload)
    .filter((e) => valid(kind, e))
    .map((entity) => ({ kind, entity }) as unknown as ProjectXHubEvent);
}

/** The account an event belongs to (a platform account id). */
export function eventAccount(event: ProjectXHubEvent): number {
  return event.kind === 'account' ? event.entity.id : event.entity.accountId;
}

function entities(payload: unknown): Json[] {
  if (Array.isArray(payload)) return payload.flatMap(entities);
  if (!payload || typeof payload !== 'object') return [];
  const o = payload as Json;
  if ('action' in o && o.data && typeof o.data === 'object') return entities(o.data);
  return [o];
}

function valid(kind: ProjectXHubEvent['kind'], e: Json): boolean {
  switch (kind) {
    case 'account':
      return isInt(e.id);
    case 'position':
      return isInt(e.accountId) && isText(e.contractId) && isInt(e.type) && isInt(e.size);
    case 'order':
      return isInt(e.id) && isInt(e.accountId) && isText(e.contractId) && isInt(e.status);
    case 'trade':
      return isInt(e.id) && isInt(e.accountId) && isText(e.contractId) && isInt(e.size) && isInt(e.side);
  }
}

/** The contract an event names, to resolve before it is applied; null for an account event. */
export function eventContract(event: ProjectXHubEvent): string | null {
  return event.kind === 'account' ? null : event.entity.contractId;
}
