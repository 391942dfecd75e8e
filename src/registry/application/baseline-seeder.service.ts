import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  BASELINE_ACCOUNT_SIZES,
  BASELINE_FIRMS,
  BASELINE_SEED_VERSION,
  baselineFirm,
  baselineProgram,
  baselineScalingRule,
} from '../domain/baseline-seed';
import type { AuditEntity } from '../domain/registry-records';
import { RegistryStore, RegistryTx } from './ports/registry-store.port';

export interface SeedCounts {
  firms: number;
  programs: number;
  scaling_rules: number;
}

const ACTOR = 'system:seed';

/**
 * Seed Stage 13's `ensure_schema_and_seed`: the baseline firms, programs and rules, each inserted only when
 * missing (ON CONFLICT DO NOTHING semantics), in one locked transaction, once per database.
 */
@Injectable()
export class BaselineSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(BaselineSeeder.name);

  constructor(private readonly store: RegistryStore) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const created = await this.seed();
      if (created.firms + created.programs + created.scaling_rules > 0) {
        this.logger.log(`Registry baseline seeded: ${JSON.stringify(created)}`);
      }
    } catch (err) {
      // Seed Stage 13: a failed seed is logged and the service still starts (the registry reads degrade).
      this.logger.error(`Registry baseline seed failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  seed(): Promise<SeedCounts> {
    return this.store.transaction(async (tx) => {
      const counts: SeedCounts = { firms: 0, programs: 0, scaling_rules: 0 };
      if (await tx.seedApplied(BASELINE_SEED_VERSION)) return counts;
      for (const base of BASELINE_FIRMS) await this.seedFirm(tx, base, counts);
      await tx.recordSeed(BASELINE_SEED_VERSION);
      return counts;
    });
  }

  private async seedFirm(
    tx: RegistryTx,
    base: (typeof BASELINE_FIRMS)[number],
    counts: SeedCounts,
  ): Promise<void> {
    let firm = await tx.firmByCode(base.code);
    if (!firm) {
      firm = await tx.insertFirm(baselineFirm(base));
      await auditCreate(tx, 'firm', firm);
      counts.firms += 1;
    }
    for (const size of BASELINE_ACCOUNT_SIZES) {
      const fields = baselineProgram(firm.id, base.name, size);
      let program = await tx.programByKey(firm.id, fields.name, size);
      if (!program) {
        program = await tx.insertProgram(fields);
        await auditCreate(tx, 'program', program);
        counts.programs += 1;
      }
      if ((await tx.rulesOf({ programId: program.id })).length === 0) {
        const rule = await tx.insertRule(baselineScalingRule(firm.id, program.id));
        await auditCreate(tx, 'scaling_rule', rule);
        counts.scaling_rules += 1;
      }
    }
  }
}

function auditCreate(tx: RegistryTx, entity: AuditEntity, record: { id: number }): Promise<unknown> {
  return tx.audit({
    actor: ACTOR,
    action: 'create',
    entity,
    entity_id: record.id,
    before: null,
    after: { ...record },
  });
}
