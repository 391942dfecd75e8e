/** Wake-ups sent when a task is queued (Postgres LISTEN/NOTIFY), so the router need not wait for its interval. */
export abstract class TaskNotifications {
  /** Starts listening; `onNotify` also fires after a reconnect, as notifications may have been missed. */
  abstract listen(onNotify: () => void): Promise<void>;
  abstract close(): Promise<void>;
}
