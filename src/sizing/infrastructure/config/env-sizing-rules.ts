import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import Decimal from 'decimal.js';
import { ConfigError } from '../../../platform/config/config.error';
import { FirmEnvReader } from '../../../platform/config/firm-env.reader';
import { SizingRuleSource } from '../../application/ports/sizing-rule-source.port';
import { dec } from '../../domain/sizing-decimal';
import { ProgramRuleOverrides } from '../../domain/sizing-limits';
import { sizingConfig, SizingConfig } from './sizing.config';

/** Seed 13E `get_program_scaling_rules`: `{FIRM}_{PROGRAM_ID}_MAX_CONTRACTS` and its three siblings. */
const RULE_VARIABLE = /^(.+)_(\d+)_(MAX_CONTRACTS|MIN_CONTRACTS|MAX_RISK_PERCENT|POINT_VALUE)$/;

/**
 * Per-program sizing rules from env, read through the shared FirmEnvReader. Every matching variable
 * is parsed at module init, so a malformed one stops start-up with a ConfigError naming it.
 */
@Injectable()
export class EnvSizingRules extends SizingRuleSource implements OnModuleInit {
  private rules: Map<string, ProgramRuleOverrides> | null = null;
  private readonly cap: Decimal;

  constructor(
    private readonly env: FirmEnvReader,
    @Inject(sizingConfig.KEY) config: SizingConfig,
  ) {
    super();
    this.cap = dec(config.SIZING_MAX_RISK_PERCENT);
  }

  onModuleInit(): void {
    this.rules = this.load();
  }

  forProgram(firmCode: string, programId: number): ProgramRuleOverrides {
    this.rules ??= this.load();
    return this.rules.get(key(firmCode, programId)) ?? {};
  }

  globalMaxRiskPercent(): Decimal {
    return this.cap;
  }

  private load(): Map<string, ProgramRuleOverrides> {
    const rules = new Map<string, ProgramRuleOverrides>();
    for (const name of this.env.namesMatching(RULE_VARIABLE).sort()) {
      const [, firm, id, rule] = RULE_VARIABLE.exec(name) as RegExpExecArray;
      const entry = rules.get(key(firm, Number(id))) ?? {};
      this.parseInto(entry, name, rule);
      rules.set(key(firm, Number(id)), withoutUnset(entry));
    }
    return rules;
  }

  private parseInto(entry: ProgramRuleOverrides, name: string, rule: string): void {
    if (rule === 'MAX_CONTRACTS') entry.maxContracts = this.env.int(name, { min: 1 });
    else if (rule === 'MIN_CONTRACTS') entry.minContracts = this.env.int(name, { min: 0 });
    else if (rule === 'POINT_VALUE') entry.pointValue = this.env.decimal(name, { positive: true });
    else entry.maxRiskPercent = this.fraction(name);
  }

  private fraction(name: string): Decimal | undefined {
    const value = this.env.decimal(name, { positive: true });
    if (value?.gt(1))
      throw new ConfigError(
        `${name} must be a fraction of the account of at most 1 (0.02 = 2%), got ${value}`,
      );
    return value;
  }
}

/** A blank variable is "not set": drop its key so `'maxContracts' in rules` means configured. */
function withoutUnset(entry: ProgramRuleOverrides): ProgramRuleOverrides {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as ProgramRuleOverrides;
}

function key(firmCode: string, programId: number): string {
  return `${firmCode.toUpperCase()}#${programId}`;
}
