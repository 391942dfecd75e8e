import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistryModule } from '../registry/registry.module';
import { AccountsAuditController } from './api/accounts-audit.controller';
import { ConnectionsController } from './api/connections.controller';
import { TradingAccountsController } from './api/trading-accounts.controller';
import { AccountAdminService } from './application/account-admin.service';
import { AccountsReadService } from './application/accounts-read.service';
import { ConnectionAdminService } from './application/connection-admin.service';
import { EnvAccountsService } from './application/env-accounts.service';
import { MasterKeyCheck } from './application/master-key.check';
import { AccountDirectory } from './application/ports/account-directory.port';
import { AccountsStore } from './application/ports/accounts-store.port';
import { SqlAccountDirectory } from './infrastructure/directory/sql-account.directory';
import { ACCOUNTS_CACHE_MS, readAccountsCacheMs } from './infrastructure/directory/accounts-cache';
import { AccountsAuditEntity } from './infrastructure/persistence/accounts-audit.entity';
import { PlatformConnectionEntity } from './infrastructure/persistence/platform-connection.entity';
import { SqlAccountsStore } from './infrastructure/persistence/sql-accounts.store';
import { TradingAccountEntity } from './infrastructure/persistence/trading-account.entity';

/**
 * Platform connections and trading accounts (issue 13). Routing, risk and connectors read them through
 * `AccountDirectory`, the one export; nobody else reads the tables.
 */
@Module({
  imports: [
    RegistryModule,
    TypeOrmModule.forFeature([PlatformConnectionEntity, TradingAccountEntity, AccountsAuditEntity]),
  ],
  controllers: [AccountsAuditController, ConnectionsController, TradingAccountsController],
  providers: [
    { provide: AccountsStore, useClass: SqlAccountsStore },
    { provide: ACCOUNTS_CACHE_MS, useFactory: () => readAccountsCacheMs(process.env) },
    SqlAccountDirectory,
    { provide: AccountDirectory, useExisting: SqlAccountDirectory },
    AccountsReadService,
    ConnectionAdminService,
    AccountAdminService,
    EnvAccountsService,
    MasterKeyCheck,
  ],
  exports: [AccountDirectory],
})
export class AccountsModule {}
