import { Logger } from '@nestjs/common';
import {
  HttpTransportType,
  HubConnection,
  HubConnectionBuilder,
  HubConnectionState,
  ILogger,
  LogLevel,
} from '@microsoft/signalr';
import { BackoffPolicy, DEFAULT_BACKOFF, redactStreamText, retryDelayMs } from './projectx-stream-policy';

/** The login's session token, as the hub connects with it. */
export interface HubTokens {
  /** The current token (renewed by the session before it expires). */
  current(): Promise<string>;
  /** Validates the token now (a new one), or logs in again when it is refused. */
  refresh(): Promise<string>;
  /** Everything to censor in a log line or status text. */
  secrets(): string[];
}

export interface HubLinkEvents {
  /** Connected (first time, after a reconnect or a restart): subscribe and read the picture. */
  connected(): void;
  /** Lost or could not connect; `error` is redacted. */
  down(error: string): void;
}

export interface HubLinkOptions {
  backoff?: BackoffPolicy;
  random?: () => number;
  /** How often the session is asked for its token, so that it renews it before expiry (default 10 min). */
  renewCheckMs?: number;
}

/**
 * One SignalR connection to a ProjectX hub, as ProjectX's docs connect (WebSockets, negotiation skipped, the
 * session token from `accessTokenFactory`), that never gives up: the client's automatic reconnect with
 * backoff and jitter, then, should it close for good, a restart of the connection on the same schedule. A
 * failed attempt makes the next one validate the token first (a refused token is replaced by a new login).
 * The client's own log goes through Nest's Logger at warning level, with tokens censored.
 */
export class ProjectXHubLink {
  readonly connection: HubConnection;
  private closed = false;
  /** `fail` stopped the connection and already said why: its close is not news. */
  private failing = false;
  /** The last attempt failed: the token may be dead, so validate it before the next one. */
  private suspect = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly renewTimer: NodeJS.Timeout;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;

  constructor(
    url: string,
    private readonly tokens: HubTokens,
    private readonly events: HubLinkEvents,
    private readonly logger: Logger,
    opts: HubLinkOptions = {},
  ) {
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.random = opts.random ?? Math.random;
    this.connection = new HubConnectionBuilder()
      .withUrl(url, {
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
        accessTokenFactory: () => this.token(),
        timeout: 10_000,
      })
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: (ctx) => {
          if (ctx.previousRetryCount > 0) this.suspect = true;
          return retryDelayMs(ctx.previousRetryCount, this.backoff, this.random());
        },
      })
      .configureLogging(new NestSignalRLogger(logger, () => tokens.secrets()))
      .build();
    // The socket outlives a token: keep the session renewing it (at half its life), so that a reconnect
    // never starts with an expired one.
    this.renewTimer = setInterval(
      () => void tokens.current().catch(() => undefined),
      opts.renewCheckMs ?? 10 * 60_000,
    );
    this.renewTimer.unref();
    this.connection.onreconnecting((error) => this.down(error));
    this.connection.onreconnected(() => this.events.connected());
    this.connection.onclose((error) => {
      if (this.closed) return;
      if (!this.failing) this.down(error);
      this.failing = false;
      this.scheduleRestart();
    });
  }

  start(): void {
    void this.connect();
  }

  /** Drops the connection after a failed subscription or read; it restarts with backoff. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.down(error);
    if (this.connection.state === HubConnectionState.Disconnected) return this.scheduleRestart();
    this.failing = true;
    void this.connection.stop();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.restartTimer);
    clearInterval(this.renewTimer);
    await this.connection.stop();
  }

  /** Censors the login's secrets and anything token-shaped. */
  redact(text: string): string {
    return redactStreamText(text, this.tokens.secrets());
  }

  private async connect(): Promise<void> {
    try {
      await this.connection.start();
    } catch (error) {
      if (this.closed) return;
      this.suspect = true;
      this.down(error);
      this.scheduleRestart();
      return;
    }
    if (this.closed) return void this.connection.stop();
    this.restarts = 0;
    this.failing = false;
    this.events.connected();
  }

  private token(): Promise<string> {
    if (!this.suspect) return this.tokens.current();
    this.suspect = false;
    return this.tokens.refresh();
  }

  private scheduleRestart(): void {
    if (this.closed || this.restartTimer) return;
    const delay = retryDelayMs(this.restarts++, this.backoff, this.random());
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.connect();
    }, delay);
  }

  private down(error: unknown): void {
    if (this.closed) return;
    const text = error instanceof Error ? error.message : error ? String(error) : 'connection closed';
    this.events.down(this.redact(text));
  }
}

/** The SignalR client's log through Nest's Logger: warnings and errors only, secrets censored. */
class NestSignalRLogger implements ILogger {
  constructor(
    private readonly logger: Logger,
    private readonly secrets: () => string[],
  ) {}

  log(level: LogLevel, message: string): void {
    if (level < LogLevel.Warning || level === LogLevel.None) return;
    const text = redactStreamText(message, this.secrets());
    if (level >= LogLevel.Error) this.logger.error(text);
    else this.logger.warn(text);
  }
}
