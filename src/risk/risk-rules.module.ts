import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { RecordedFills } from './application/ports/recorded-fills.port';
import { RuleBook } from './application/ports/rule-book.port';
import { RuleBookService } from './application/rule-book.service';
import { TRADING_DAY_POLICY } from './application/trading-day-policy.token';
import { RiskEnv, riskConfig, tradingDayPolicy } from './infrastructure/config/risk.config';
import { PgRecordedFills } from './infrastructure/persistence/pg-recorded-fills';

/**
 * The risk rules alone, for a context that replays accounts (the simulator): RuleBook hands over to the very
 * functions of `risk/domain` the live gate uses (no database); RecordedFills reads the fills PropRouter applied to
 * an account (the simulator's "PropRouter's own fills" input). Importing it starts nothing.
 */
@Module({
  imports: [ConfigModule.forFeature(riskConfig)],
  providers: [
    {
      provide: TRADING_DAY_POLICY,
      inject: [riskConfig.KEY],
      useFactory: (env: RiskEnv) => tradingDayPolicy(env),
    },
    { provide: RuleBook, useClass: RuleBookService },
    { provide: RecordedFills, useClass: PgRecordedFills },
  ],
  exports: [RuleBook, RecordedFills],
})
export class RiskRulesModule {}
