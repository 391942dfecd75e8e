import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { ConfigError } from '../../platform/config/config.error';
import { ConnectionStatusReader } from './connection-status.reader';
import { FirmSettingsReader } from './firm-settings.reader';

const EVERY_ACCOUNT = { accounts: [], tags: [], firmCodes: [], programIds: [] };

/**
 * At start-up, every enabled env firm's connector variables (issue 15): a malformed one (`APEX_PLATFORM=
 * tradeovate`, `TPT_MAX_RETRIES=abc`, `TPT_TIMEOUT_MS=-5`) stops the process naming each; a connection an
 * enabled account uses that lacks settings or credentials is a warning naming what is missing (values never).
 */
@Injectable()
export class ConnectorsStartupCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Connectors');

  constructor(
    private readonly directory: AccountDirectory,
    private readonly settings: FirmSettingsReader,
    private readonly status: ConnectionStatusReader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const targets = await this.directory.resolveTargets(EVERY_ACCOUNT);
    const accounts = targets.ok ? targets.accounts : [];
    const envFirms = new Set<string>();
    for (const id of new Set(accounts.map((a) => a.connectionId))) {
      const connection = await this.directory.connection(id);
      if (connection?.source === 'env' && connection.envFirm) envFirms.add(connection.envFirm);
    }
    const malformed = [...envFirms].sort().flatMap((firm) => this.settings.read(firm).malformed);
    if (malformed.length)
      throw new ConfigError(`Invalid firm configuration:\n${malformed.map((m) => `  ${m}`).join('\n')}`);
    for (const s of await this.status.list()) {
      if (s.configured || !accounts.some((a) => a.connectionId === s.connection_id)) continue;
      this.logger.warn(
        `connection "${s.name}" (${s.platform ?? 'no platform'}) lacks ${s.missing.join(', ')}: ` +
          `orders for its accounts fail until it is completed`,
      );
    }
  }
}
