import type { Logger } from '@nestjs/common';
import { FirmConnectorSettings, symbolAllowed } from '../domain/firm-connector-settings';
import type { ConnectorRedactor } from './connector-redactor';
import { FirmPolicy } from './firm-policy';
import type { FirmSettingsReader } from './firm-settings.reader';
import type { BrokerConnector } from './ports/broker-connector.port';
import type { ConnectorFactory } from './ports/connector-factory.port';
import type { NormalizedOrder } from './ports/connector-gateway.port';

export interface FirmEntry {
  settings: FirmConnectorSettings;
  missing: string[];
  connector?: BrokerConnector;
  policy: FirmPolicy;
  /** Client order ids whose send may have reached the platform: looked up before any re-send. */
  unresolved: Set<string>;
}

/** Adapters holding session tokens may expose them, so that they are censored wherever they turn up. */
interface ExposesSecrets {
  secrets(): string[];
}

/** Each firm's adapter, policy (retries, breaker) and unresolved sends: built on its first use, then kept. */
export class FirmConnectors {
  private readonly firms = new Map<string, FirmEntry>();

  constructor(
    private readonly settingsReader: FirmSettingsReader,
    private readonly factory: ConnectorFactory,
    private readonly redactor: ConnectorRedactor,
    private readonly logger: Logger,
  ) {}

  entry(firmCode: string): FirmEntry {
    const key = firmCode.trim().toUpperCase();
    let entry = this.firms.get(key);
    if (!entry) {
      entry = this.build(key);
      this.firms.set(key, entry);
    }
    return entry;
  }

  learnSecrets(connector: BrokerConnector): void {
    const source = connector as Partial<ExposesSecrets>;
    if (typeof source.secrets === 'function') this.redactor.learn(source.secrets());
  }

  private build(firmCode: string): FirmEntry {
    const settings = this.settingsReader.read(firmCode);
    const missing = [...settings.problems];
    if (settings.platform)
      missing.push(...this.factory.missingSettings(settings).filter((m) => !missing.includes(m)));
    const policy = new FirmPolicy(settings.resilience, {
      onRetry: (error, delayMs, attempt) =>
        this.logger.warn(
          this.redactor.redactText(
            `${firmCode}: retry ${attempt} in ${Math.round(delayMs)} ms after ${error.message}`,
          ),
        ),
      onBreak: () =>
        this.logger.error(
          `${firmCode}: circuit opened; calls fail fast for ${settings.resilience.breakerHalfOpenMs} ms`,
        ),
      onReset: () => this.logger.log(`${firmCode}: circuit closed`),
    });
    const connector = missing.length === 0 ? this.factory.create(settings) : undefined;
    if (connector) this.learnSecrets(connector);
    return { settings, missing, connector, policy, unresolved: new Set() };
  }
}

/** The firm's own limits (seed supported_symbols, max_position_size); null when the order is within them. */
export function refusalOf(entry: FirmEntry, order: NormalizedOrder): string | null {
  const { settings, connector } = entry;
  if (!connector) return null;
  if (!symbolAllowed(settings.supportedSymbols, order.symbol) || !connector.supportsSymbol(order.symbol)) {
    return `SYMBOL_NOT_SUPPORTED: ${settings.firmCode} does not trade ${order.symbol}`;
  }
  if (settings.maxPositionSize !== null && order.quantity > settings.maxPositionSize) {
    const limit = `${settings.firmCode}_MAX_POSITION_SIZE ${settings.maxPositionSize}`;
    return `MAX_POSITION_SIZE_EXCEEDED: quantity ${order.quantity} > ${limit}`;
  }
  return null;
}
