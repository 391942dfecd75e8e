/** What the dashboard's live stream carries (GET /api/events); each is one small JSON message. */
export const LIVE_EVENT_TYPES = [
  'task.received',
  'task.updated',
  'order.updated',
  'account.updated',
  'halt.set',
  'halt.cleared',
  'sync.status',
  'webhook.refused',
  'resync',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

export interface LiveEvent {
  /** `<process epoch>-<sequence>`: what a client sends back as Last-Event-ID. */
  id: string;
  type: LiveEventType;
  /** When the change was published (ISO 8601). */
  at: string;
  data: Record<string, unknown>;
}

/**
 * The port contexts publish into, after the change it reports is committed. Never throws and never waits:
 * events are batched and sent to every process sharing the database (Postgres NOTIFY) off the caller's path.
 * `key` names the thing the event is about: within one batch only the latest event of a key is sent (an
 * account's state changing 50 times a second reaches the dashboards a few times a second).
 */
export abstract class LiveEvents {
  abstract publish(type: LiveEventType, data: Record<string, unknown>, key?: string): void;
}

/** Where a subscriber asked to resume from: 'reset' when the events since then are not all known here. */
export type Resume = LiveEvent[] | 'reset';

/** The subscriber side, for the SSE endpoint. */
export abstract class LiveEventFeed {
  /** Calls `listener` with every event from now on; `lastEventId` replays what came after it, if known. */
  abstract subscribe(
    listener: (event: LiveEvent) => void,
    lastEventId?: string,
  ): { resume: Resume; unsubscribe: () => void };
  abstract subscriberCount(): number;
}
