import { Injectable, Logger } from '@nestjs/common';
import { ConnectorError } from '../domain/connector-errors';
import type { BrokerConnector, PlatformOrder } from './ports/broker-connector.port';
import { ConnectorFactory } from './ports/connector-factory.port';
import { ConnectorRedactor } from './connector-redactor';
import { errorResult, notConfiguredResult, refusedResult, successResult } from './connector-result.mapper';
import { asWriteError, sendAtMostOnce } from './exactly-once';
import { FirmConnectors, FirmEntry, refusalOf } from './firm-connectors';
import { FirmSettingsReader } from './firm-settings.reader';
import {
  ConnectorGateway,
  ConnectorResult,
  ExitRequest,
  FirmConnectorStatus,
  NormalizedOrder,
} from './ports/connector-gateway.port';

/**
 * The ConnectorGateway: one adapter, policy (timeout, retries, circuit breaker) and redaction per firm.
 * Firms share nothing, so calls to several firms run in parallel and one slow or failing firm never holds
 * up another. Every method returns a seed ConnectorResult; none throws.
 */
@Injectable()
export class ConnectorGatewayService extends ConnectorGateway {
  private readonly logger = new Logger('ConnectorGateway');
  private readonly redactor: ConnectorRedactor;
  private readonly connectors: FirmConnectors;

  constructor(
    private readonly settingsReader: FirmSettingsReader,
    private readonly factory: ConnectorFactory,
  ) {
    super();
    this.redactor = new ConnectorRedactor(settingsReader.secretValues());
    this.connectors = new FirmConnectors(settingsReader, factory, this.redactor, this.logger);
  }

  enabledFirms(): string[] {
    return this.settingsReader.knownFirms().filter((f) => this.entry(f).settings.enabled);
  }

  knownFirms(): string[] {
    return this.settingsReader.knownFirms();
  }

  status(firmCode: string): FirmConnectorStatus {
    const { settings, missing, policy } = this.entry(firmCode);
    return {
      firm_code: settings.firmCode,
      platform: settings.platform ?? 'rest',
      enabled: settings.enabled,
      configured: missing.length === 0,
      missing: [...missing],
      circuit: policy.circuit,
    };
  }

  async placeOrder(firmCode: string, order: NormalizedOrder): Promise<ConnectorResult> {
    const refusal = this.refusal(firmCode, order);
    if (refusal) return this.finish(firmCode, 'placeOrder', refusedResult(refusal, order));
    return this.orderCall(firmCode, 'placeOrder', order, true, (entry, c) => {
      const key = { clientOrderId: order.client_order_id, symbol: order.symbol };
      return sendAtMostOnce(c, entry.unresolved, key, () => c.placeOrder(order));
    });
  }

  findOrder(firmCode: string, clientOrderId: string, symbol: string): Promise<ConnectorResult | null> {
    return this.call(firmCode, 'findOrder', { client_order_id: clientOrderId }, false, async (_, c) => {
      await c.authenticate();
      return c.findOrderByClientId(clientOrderId, symbol);
    });
  }

  getOrderStatus(firmCode: string, externalOrderId: string): Promise<ConnectorResult> {
    return this.orderCall(
      firmCode,
      'getOrderStatus',
      { external_order_id: externalOrderId },
      false,
      async (_, c) => {
        await c.authenticate();
        return c.getOrderStatus(externalOrderId);
      },
    );
  }

  cancelOrder(firmCode: string, externalOrderId: string): Promise<ConnectorResult> {
    return this.orderCall(
      firmCode,
      'cancelOrder',
      { external_order_id: externalOrderId },
      false,
      async (_, c) => {
        await c.authenticate();
        try {
          return await c.cancelOrder(externalOrderId);
        } catch (e) {
          // Cancelling twice cannot duplicate anything: an unknown outcome is simply retried.
          const error = asWriteError(e);
          throw error.kind === 'UNKNOWN_OUTCOME'
            ? ConnectorError.transient(error.message, error.details)
            : error;
        }
      },
    );
  }

  exitPosition(firmCode: string, exit: ExitRequest): Promise<ConnectorResult> {
    return this.orderCall(firmCode, 'exitPosition', exit, true, (entry, c) => {
      const key = { clientOrderId: exit.client_order_id, symbol: exit.symbol };
      return sendAtMostOnce(c, entry.unresolved, key, () => c.closePosition(exit));
    });
  }

  /** An operation that must yield an order: an adapter answering nothing is a connector error. */
  private async orderCall(
    firmCode: string,
    op: string,
    request: unknown,
    write: boolean,
    attempt: (entry: FirmEntry, connector: BrokerConnector) => Promise<PlatformOrder>,
  ): Promise<ConnectorResult> {
    const result = await this.call(firmCode, op, request, write, attempt);
    return (
      result ??
      this.finish(firmCode, op, errorResult(firmCode, new Error('adapter returned no order'), request))
    );
  }

  /**
   * Runs one operation under the firm's policy and turns its outcome into a redacted ConnectorResult;
   * null only when the attempt found nothing (a lookup).
   */
  private async call(
    firmCode: string,
    op: string,
    request: unknown,
    write: boolean,
    attempt: (entry: FirmEntry, connector: BrokerConnector) => Promise<PlatformOrder | null>,
  ): Promise<ConnectorResult | null> {
    let connector: BrokerConnector | undefined;
    let result: ConnectorResult;
    try {
      const entry = this.entry(firmCode);
      connector = entry.connector;
      if (!connector) {
        result = notConfiguredResult(entry.settings.firmCode, entry.missing, request);
      } else {
        const c = connector;
        const done = await entry.policy.run(() => attempt(entry, c), { write });
        if (done === null) return null;
        result = successResult(done);
      }
    } catch (e) {
      result = errorResult(firmCode, e, request);
    } finally {
      if (connector) this.connectors.learnSecrets(connector);
    }
    return this.finish(firmCode, op, result);
  }

  private finish(firmCode: string, op: string, result: ConnectorResult): ConnectorResult {
    const safe = this.redactor.redact(result);
    const line = `${firmCode} ${op} → ${safe.status}${safe.error_message ? `: ${safe.error_message}` : ''}`;
    if (safe.status === 'SUCCESS') this.logger.debug(line);
    else this.logger.warn(line);
    return safe;
  }

  /** The firm's own limits (seed supported_symbols, max_position_size), checked before any call. */
  private refusal(firmCode: string, order: NormalizedOrder): string | null {
    let entry: FirmEntry;
    try {
      entry = this.entry(firmCode);
    } catch {
      return null; // the call itself reports the failure
    }
    return refusalOf(entry, order);
  }

  private entry(firmCode: string): FirmEntry {
    return this.connectors.entry(firmCode);
  }
}
