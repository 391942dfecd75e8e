import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { ConfigError } from '../../platform/config/config.error';
import { FirmSettingsReader } from './firm-settings.reader';
import { ConnectorFactory } from './ports/connector-factory.port';

const EVERY_ACCOUNT = { accounts: [], tags: [], firmCodes: [], programIds: [] };

/**
 * At start-up, every enabled env firm's connector variables (issue 15): a malformed one (`APEX_PLATFORM=
 * tradeovate`, `TPT_MAX_RETRIES=abc`, `TPT_TIMEOUT_MS=-5`) stops the process naming each; an env connection
 * an enabled account uses that lacks settings or credentials is a warning naming what is missing (values
 * never). Reads settings only: the gateway's connection entries (logins, breakers) are built on first use,
 * never here — an entry built this early would keep its breaker from before the sync set the connection up.
 */
@Injectable()
export class ConnectorsStartupCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Connectors');

  constructor(
    private readonly directory: AccountDirectory,
    private readonly settings: FirmSettingsReader,
    private readonly factory: ConnectorFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const targets = await this.directory.resolveTargets(EVERY_ACCOUNT);
    const accounts = targets.ok ? targets.accounts : [];
    const malformed: string[] = [];
    const lacking: string[] = [];
    for (const id of [...new Set(accounts.map((a) => a.connectionId))].sort((a, b) => a - b)) {
      const c = await this.directory.connection(id);
      if (c?.source !== 'env' || !c.envFirm) continue;
      const s = this.settings.read(c.envFirm);
      malformed.push(...s.malformed);
      const missing = s.problems.filter((p) => !p.includes(' ('));
      if (s.platform)
        missing.push(
          ...this.factory.missingSettings({
            connectionId: c.id,
            subject: s.firmCode,
            platform: s.platform,
            source: 'env',
            envFirm: c.envFirm,
            environment: c.environment,
            baseUrl: c.baseUrl,
            credentials: {},
            resilience: s.resilience,
          }),
        );
      if (missing.length)
        lacking.push(
          `connection "${c.name}" (${s.platform ?? 'no platform'}) lacks ${[...new Set(missing)].join(', ')}: ` +
            'orders for its accounts fail until it is completed',
        );
    }
    if (malformed.length)
      throw new ConfigError(`Invalid firm configuration:\n${malformed.map((m) => `  ${m}`).join('\n')}`);
    for (const line of lacking) this.logger.warn(line);
  }
}
