/** One setting as the system page shows it: a secret only says whether it is set. */
export interface ConfigEntry {
  name: string;
  /** The value; always null for a secret. */
  value: string | null;
  set: boolean;
  secret: boolean;
}

/** This process: its version, its start, and a summary of its configuration that holds no secret. */
export abstract class SystemFacts {
  abstract version(): string;
  abstract startedAt(): Date;
  abstract config(): ConfigEntry[];
}
