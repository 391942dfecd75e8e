import { AccountEquityController } from './api/account-equity.controller';
import { AccountOverviewService } from './application/account-overview.service';
import { AccountOverviews } from './application/ports/account-overviews.port';
import { EquityHistory } from './application/ports/equity-history.port';
import { PgEquityHistory } from './infrastructure/persistence/pg-equity.history';

import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AccountRoomMetrics } from './application/account-room.metrics';
import { FlatBySchedulesService } from './application/flat-by-schedules.service';
import { FlatBySchedules } from './application/ports/flat-by-schedules.port';
import { AccountRoomsService } from './application/account-rooms.service';
import { AccountRooms } from './application/ports/account-rooms.port';
import { AccountsModule } from '../accounts/accounts.module';
import { CalendarModule } from '../calendar/calendar.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FirmEnvReader } from '../platform/config/firm-env.reader';
import { RegistryModule } from '../registry/registry.module';
import { ContractCatalog } from '../sizing/application/ports/contract-catalog.port';
import { SizingModule } from '../sizing/sizing.module';
import { AccountStateController } from './api/account-state.controller';
import { TradingAccountStateController } from './api/trading-account-state.controller';
import { AccountStateService } from './application/account-state.service';
import { FirmRiskConfigReader } from './application/firm-risk-config.reader';
import { HaltService } from './application/halt.service';
import { HaltExpiryFeed } from './application/halt-expiry.feed';
import { AccountHaltService } from './application/account-halt.service';
import { AccountHalts } from './application/ports/account-halts.port';
import { TradingHalts } from './application/ports/trading-halts.port';
import { AccountStateRepository } from './application/ports/account-state.repository.port';
import { HaltRepository } from './application/ports/halt.repository.port';
import { RiskStateReader } from './application/ports/risk-state.reader.port';
import { RiskGate } from './application/ports/risk-gate.port';
import { RiskGateService } from './application/risk-gate.service';
import { RiskSnapshotLoader } from './application/risk-snapshot.loader';
import { TradingAccountStateService } from './application/trading-account-state.service';
import { TRADING_DAY_POLICY } from './application/trading-day-policy.token';
import { RISK_SYNC_SETTINGS } from './application/risk-sync-settings';
import { SyncedAccountState } from './application/ports/synced-account-state.port';
import { SyncedAccountStateService } from './application/synced-account-state.service';
import { SyncedStateChangeHub } from './application/synced-state-change.hub';
import { SyncedStateChanges } from './application/ports/synced-state-changes.port';
import { SyncConfirmationReader } from './application/ports/sync-confirmations.port';
import { SyncConfirmationService } from './application/sync-confirmation.service';
import { RiskEnv, riskConfig, riskSyncSettings, tradingDayPolicy } from './infrastructure/config/risk.config';
import { AccountStateEntity } from './infrastructure/persistence/account-state.entity';
import { TradingHaltEntity } from './infrastructure/persistence/trading-halt.entity';
import { TypeOrmAccountStateRepository } from './infrastructure/persistence/typeorm-account-state.repository';
import { TypeOrmHaltRepository } from './infrastructure/persistence/typeorm-halt.repository';
import { PgRiskStateReader } from './infrastructure/persistence/pg-risk-state.reader';

/**
 * Pre-trade risk: firm rules, account state (per firm × program for the firm-level state, per trading
 * account for the accounts of the accounts context, typed in or synced from the platform: SyncedAccountState)
 * and the trading halts (TradingHalts: the kill switch's API lives in the guards context), which AccountHalts
 * sets for one account (left unprotected, or tripped by a guard).
 */
@Module({
  imports: [
    AccountsModule,
    CalendarModule,
    RegistryModule,
    SizingModule,
    ConfigModule.forFeature(riskConfig),
    TypeOrmModule.forFeature([AccountStateEntity, TradingHaltEntity]),
  ],
  controllers: [AccountStateController, TradingAccountStateController, AccountEquityController],
  providers: [
    {
      // Every per-firm risk variable is parsed here, at start-up: a malformed one stops the process.
      provide: FirmRiskConfigReader,
      inject: [FirmEnvReader, ContractCatalog],
      useFactory: (env: FirmEnvReader, contracts: ContractCatalog) => {
        const reader = new FirmRiskConfigReader(env, (symbol) => contracts.normalize(symbol));
        reader.validateAll();
        return reader;
      },
    },
    {
      provide: TRADING_DAY_POLICY,
      inject: [riskConfig.KEY],
      useFactory: (env: RiskEnv) => tradingDayPolicy(env),
    },
    {
      provide: RISK_SYNC_SETTINGS,
      inject: [riskConfig.KEY],
      useFactory: (env: RiskEnv) => riskSyncSettings(env),
    },
    { provide: AccountStateRepository, useClass: TypeOrmAccountStateRepository },
    { provide: SyncedAccountState, useClass: SyncedAccountStateService },
    SyncedStateChangeHub,
    { provide: SyncedStateChanges, useExisting: SyncedStateChangeHub },
    { provide: SyncConfirmationReader, useClass: SyncConfirmationService },
    { provide: HaltRepository, useClass: TypeOrmHaltRepository },
    { provide: RiskStateReader, useClass: PgRiskStateReader },
    { provide: RiskGate, useClass: RiskGateService },
    RiskSnapshotLoader,
    AccountStateService,
    TradingAccountStateService,
    HaltService,
    HaltExpiryFeed,
    { provide: TradingHalts, useExisting: HaltService },
    { provide: AccountHalts, useClass: AccountHaltService },
    AccountRoomMetrics,
    AccountRoomsService,
    { provide: AccountRooms, useExisting: AccountRoomsService },
    { provide: EquityHistory, useClass: PgEquityHistory },
    { provide: AccountOverviews, useClass: AccountOverviewService },
    { provide: FlatBySchedules, useClass: FlatBySchedulesService },
  ],
  exports: [
    RiskGate,
    SyncedAccountState,
    SyncedStateChanges,
    SyncConfirmationReader,
    AccountHalts,
    TradingHalts,
    AccountRooms,
    AccountOverviews,
    FlatBySchedules,
  ],
})
export class RiskModule {}
