import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FirmEnvReader } from '../../platform/config/firm-env.reader';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { envConnectionSpec, envFirmCandidates, isEnvFirm } from '../domain/env-firms';
import { AccountsStore } from './ports/accounts-store.port';

const ACTOR = 'system:env';

/**
 * The seed's per-firm env configuration as read-only rows: every firm whose `{FIRM}_ENABLED` is true gets a
 * connection and an account labelled `env:{FIRM}`; env accounts of firms no longer enabled are disabled
 * (never deleted: orders reference them). Idempotent, in one locked transaction, safe with several processes.
 */
@Injectable()
export class EnvAccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EnvAccountsService.name);

  constructor(
    private readonly store: AccountsStore,
    private readonly catalog: ProgramCatalog,
    private readonly env: FirmEnvReader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const enabled = await this.enabledFirms();
    await this.sync(enabled);
    if (enabled.length > 0) this.logger.log(`Env accounts: ${enabled.map((f) => `env:${f}`).join(', ')}`);
  }

  /** The firms the environment configures and enables (the owner of "which env firms exist"). */
  async enabledFirms(): Promise<string[]> {
    const firms: string[] = [];
    const active = new Set((await this.catalog.listActiveFirms()).map((f) => f.code));
    const candidates = new Set([...active, ...envFirmCandidates(this.env)]);
    for (const firm of [...candidates].sort()) {
      const inRegistry = active.has(firm) || (await this.catalog.findFirmByCode(firm)) !== null;
      // a malformed {FIRM}_ENABLED of a firm stops the start (ConfigError naming it); ROUTER_ENABLED is no firm
      if (isEnvFirm(firm, this.env, inRegistry) && this.env.bool(`${firm}_ENABLED`, false)) firms.push(firm);
    }
    return firms;
  }

  async sync(enabledFirms: string[]): Promise<void> {
    await this.store.transaction(async (tx) => {
      for (const firm of enabledFirms) {
        const before = await tx.accountByLabel(`env:${firm}`);
        const { accountId } = await tx.upsertEnvFirm(envConnectionSpec(firm, this.env));
        if (!before || !before.enabled)
          await tx.audit({
            actor: ACTOR,
            action: 'env_sync',
            entity: 'account',
            entityId: accountId,
            before: before ? { enabled: false } : null,
            after: { label: `env:${firm}`, firm_code: firm, enabled: true },
          });
      }
      const disabled = await tx.disableEnvAccountsExcept(enabledFirms);
      for (const firm of disabled)
        this.logger.log(`Env account env:${firm} disabled (${firm}_ENABLED is not true)`);
    });
  }
}
