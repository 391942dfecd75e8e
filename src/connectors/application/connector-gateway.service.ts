import { Metrics } from '../../platform/metrics/metrics';
import { Injectable, Logger } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { ConnectorConfigError, ConnectorError } from '../domain/connector-errors';
import { stopFeatureRefusal } from '../../shared-kernel/platform-features';
import { ConnectionEntries, ConnectionEntry } from './connection-entries';
import { ConnectorRedactor } from './connector-redactor';
import { errorResult, notConfiguredResult, successResult } from './connector-result.mapper';
import { Resolved, resolveAccount } from './gateway-accounts';
import { sendAtMostOnce, sendRepeatable } from './exactly-once';
import { withSendDeadline } from './call-context';
import { FirmSettingsReader } from './firm-settings.reader';
import type { BrokerConnector, PlatformOrder } from './ports/broker-connector.port';
import { ConnectorFactory } from './ports/connector-factory.port';
import {
  ConnectionTestResult,
  ConnectorGateway,
  ConnectorResult,
  ExitRequest,
  NormalizedOrder,
  PositionReading,
  ResizeRequest,
  StopOrderRequest,
} from './ports/connector-gateway.port';

type Attempt = (entry: ConnectionEntry, connector: BrokerConnector) => Promise<PlatformOrder | null>;

/** An account resolved to its connection's entry and adapter, or the answer explaining why it cannot be. */

/**
 * The ConnectorGateway: each call resolves its account to the account's connection (AccountDirectory), whose
 * entry holds one login (session) for all its accounts, one policy (timeout, retries, breaker), its rate
 * limits and its lane. Connections share nothing, so one slow or failing platform never holds up another.
 * Every method returns a seed ConnectorResult, redacted; none throws.
 */
@Injectable()
export class ConnectorGatewayService extends ConnectorGateway {
  private readonly logger = new Logger('ConnectorGateway');
  private readonly redactor: ConnectorRedactor;
  readonly connections: ConnectionEntries;

  constructor(
    private readonly directory: AccountDirectory,
    settingsReader: FirmSettingsReader,
    factory: ConnectorFactory,
    metrics: Metrics,
  ) {
    super();
    this.redactor = new ConnectorRedactor(settingsReader.secretValues());
    this.connections = new ConnectionEntries(
      settingsReader,
      factory,
      this.redactor,
      this.logger,
      (id, platform) => metrics.connectorRetries.inc({ connection: String(id), platform }),
    );
    const breakerLevel = { closed: 0, half_open: 0.5, open: 1, isolated: 1 } as const;
    metrics.onCollect(() => {
      for (const entry of this.connections.all()) {
        const labels = { connection: String(entry.connectionId), platform: entry.platform ?? 'none' };
        metrics.breakerState.set(labels, breakerLevel[entry.policy.circuit]);
      }
    });
  }

  sendBy<T>(notAfter: number, send: () => Promise<T>): Promise<T> {
    return withSendDeadline(notAfter, send);
  }

  placeOrder(accountId: number, order: NormalizedOrder): Promise<ConnectorResult> {
    return this.orderCall(accountId, 'placeOrder', order, true, async (entry, c) => {
      // refused at intake already; an account moved to another platform since is refused, never sent without it
      const refusal = stopFeatureRefusal(c.platform, order);
      if (refusal) throw ConnectorError.rejected(refusal);
      const key = { clientOrderId: order.client_order_id, symbol: order.symbol };
      return await sendAtMostOnce(c, entry.unresolved, key, () => c.placeOrder(order));
    });
  }

  findOrder(accountId: number, clientOrderId: string, symbol: string): Promise<ConnectorResult | null> {
    return this.call(accountId, 'findOrder', { client_order_id: clientOrderId }, false, async (_, c) => {
      await c.authenticate();
      return c.findOrderByClientId(clientOrderId, symbol);
    });
  }

  getOrderStatus(accountId: number, externalOrderId: string): Promise<ConnectorResult> {
    const request = { external_order_id: externalOrderId };
    return this.orderCall(accountId, 'getOrderStatus', request, false, async (_, c) => {
      await c.authenticate();
      return c.getOrderStatus(externalOrderId);
    });
  }

  cancelOrder(accountId: number, externalOrderId: string): Promise<ConnectorResult> {
    const request = { external_order_id: externalOrderId };
    return this.orderCall(accountId, 'cancelOrder', request, false, async (_, c) => {
      await c.authenticate();
      // cancelling twice cannot duplicate anything: an unknown outcome is simply retried
      return sendRepeatable(() => c.cancelOrder(externalOrderId));
    });
  }

  exitPosition(accountId: number, exit: ExitRequest): Promise<ConnectorResult> {
    return this.orderCall(accountId, 'exitPosition', exit, true, (entry, c) => {
      const key = { clientOrderId: exit.client_order_id, symbol: exit.symbol };
      return sendAtMostOnce(c, entry.unresolved, key, () => c.closePosition(exit));
    });
  }

  placeStop(accountId: number, stop: StopOrderRequest): Promise<ConnectorResult> {
    return this.orderCall(accountId, 'placeStop', stop, true, (entry, c) => {
      const key = { clientOrderId: stop.client_order_id, symbol: stop.symbol };
      return sendAtMostOnce(c, entry.unresolved, key, () => c.placeStop(stop));
    });
  }

  resizeOrder(accountId: number, resize: ResizeRequest): Promise<ConnectorResult> {
    return this.orderCall(accountId, 'resizeOrder', resize, true, async (_, c) => {
      await c.authenticate();
      // a size is set, not added: sending it again cannot shrink twice (REST re-places under its client id)
      return sendRepeatable(() => c.resizeOrder(resize));
    });
  }

  async readPosition(accountId: number, symbol: string): Promise<PositionReading> {
    const outcome = await this.run(accountId, 'readPosition', { symbol }, false, async (_, c) => {
      await c.authenticate();
      return c.readPosition(symbol);
    });
    if ('failure' in outcome) {
      const { status, error_message } = outcome.failure;
      return {
        status: status === 'RETRY' ? 'RETRY' : 'FAILED',
        error_message: error_message ?? 'unreadable',
      };
    }
    return { status: 'SUCCESS', position: this.redactor.redact(outcome.value) };
  }

  async testConnection(connectionId: number): Promise<ConnectionTestResult> {
    let entry: ConnectionEntry | undefined;
    try {
      const connection = await this.directory.connection(connectionId);
      if (!connection) return { ok: false, error: `connection ${connectionId} does not exist` };
      entry = this.connections.entry(connection);
      const login = entry.login;
      if (!login) return { ok: false, error: new ConnectorConfigError(entry.subject, entry.missing).message };
      const accounts = await entry.lane.run(() =>
        (entry as ConnectionEntry).policy.run(
          async () => {
            await login.authenticate();
            return login.listAccounts();
          },
          { write: false },
        ),
      );
      return this.redactor.redact({ ok: true, accounts });
    } catch (e) {
      const error = errorResult(entry?.subject ?? `connection ${connectionId}`, e, null).error_message;
      return { ok: false, error: this.redactor.redactText(error ?? 'unknown error') };
    } finally {
      this.connections.learnSecrets(entry?.login);
    }
  }

  /** An operation that must yield an order: an adapter answering nothing is a connector error. */
  private async orderCall(
    accountId: number,
    op: string,
    request: unknown,
    write: boolean,
    attempt: Attempt,
  ): Promise<ConnectorResult> {
    const result = await this.call(accountId, op, request, write, attempt);
    if (result) return result;
    // built only when needed: an Error's stack trace cost 1.7 % of the CPU of a fan-out run when built on every call
    const missing = errorResult(`account ${accountId}`, new Error('adapter returned no order'), request);
    return this.finish(`account ${accountId}`, op, missing);
  }

  /** An order operation as a redacted ConnectorResult; null only when the attempt found nothing (a lookup). */
  private async call(
    accountId: number,
    op: string,
    request: unknown,
    write: boolean,
    attempt: Attempt,
  ): Promise<ConnectorResult | null> {
    const outcome = await this.run(accountId, op, request, write, attempt);
    if ('failure' in outcome) return outcome.failure;
    if (outcome.value === null) return null;
    return this.finish(outcome.subject, op, successResult(outcome.value));
  }

  /**
   * Runs one operation in the connection's lane under its policy: its value, or the redacted ConnectorResult
   * explaining why there is none.
   */
  private async run<T>(
    accountId: number,
    op: string,
    request: unknown,
    write: boolean,
    attempt: (entry: ConnectionEntry, connector: BrokerConnector) => Promise<T>,
  ): Promise<{ value: T; subject: string } | { failure: ConnectorResult }> {
    const resolved = await this.resolve(accountId, request);
    if ('failure' in resolved) return { failure: this.finish(`account ${accountId}`, op, resolved.failure) };
    const { entry, account } = resolved;
    try {
      const connector = this.connections.adapter(entry, account);
      const value = await entry.lane.run(() => entry.policy.run(() => attempt(entry, connector), { write }));
      return { value, subject: account.label };
    } catch (e) {
      const result =
        e instanceof ConnectorConfigError
          ? notConfiguredResult(e.subject, e.missing, request)
          : errorResult(entry.subject, e, request);
      return { failure: this.finish(account.label, op, result) };
    } finally {
      this.connections.learnSecrets(entry.login);
    }
  }

  /** The account and its connection's entry; a FAILED/RETRY answer when either cannot be had. */
  private resolve(accountId: number, request: unknown): Promise<Resolved> {
    return resolveAccount(this.directory, this.connections, accountId, request);
  }

  private finish(subject: string, op: string, result: ConnectorResult): ConnectorResult {
    const safe = this.redactor.redact(result);
    const line = `${subject} ${op} → ${safe.status}${safe.error_message ? `: ${safe.error_message}` : ''}`;
    if (safe.status === 'SUCCESS') this.logger.debug(line);
    else this.logger.warn(line);
    return safe;
  }
}
