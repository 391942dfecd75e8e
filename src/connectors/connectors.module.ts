import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { RegistryModule } from '../registry/registry.module';
import { SizingModule } from '../sizing/sizing.module';
import { ConnectionTestController } from './api/connection-test.controller';
import { ConnectorStatusController } from './api/connector-status.controller';
import { PaperPricesController } from './api/paper-prices.controller';
import { PaperVenue } from './application/paper-venue.service';
import { PaperLedger } from './application/ports/paper-ledger.port';
import { PgPaperLedger } from './infrastructure/paper/pg-paper.ledger';
import { ConnectionStatusReader } from './application/connection-status.reader';
import { ConnectorGatewayService } from './application/connector-gateway.service';
import { ConnectorsStartupCheck } from './application/connectors-startup.check';
import { FirmSettingsReader } from './application/firm-settings.reader';
import { PlatformStreams } from './application/ports/platform-stream.port';
import { PlatformStreamsService } from './application/platform-streams.service';
import { PlatformStateService } from './application/platform-state.service';
import { ConnectorFactory } from './application/ports/connector-factory.port';
import { ConnectorGateway } from './application/ports/connector-gateway.port';
import { PlatformStateReader } from './application/ports/platform-state.port';
import { PlatformHttpClients } from './infrastructure/http/platform-http-clients';
import { PlatformConnectorFactory } from './infrastructure/platform-connector.factory';

/**
 * Orders to trading accounts on the platforms (seed 13C): generic REST, Tradovate, ProjectX, behind one
 * gateway keyed by account id. Accounts and connections come from the accounts context's AccountDirectory.
 * PlatformStateReader reads an account's state at its platform (issue 14), through the same connections.
 * The `paper` platform (issue 19) is PropRouter's own: PaperVenue over a Postgres ledger, prices posted by
 * the operator (PaperPricesController).
 */
@Module({
  imports: [AccountsModule, SizingModule, RegistryModule],
  controllers: [ConnectorStatusController, ConnectionTestController, PaperPricesController],
  providers: [
    FirmSettingsReader,
    ConnectorsStartupCheck,
    PlatformHttpClients,
    ConnectionStatusReader,
    ConnectorGatewayService,
    { provide: ConnectorFactory, useClass: PlatformConnectorFactory },
    { provide: ConnectorGateway, useExisting: ConnectorGatewayService },
    { provide: PlatformStateReader, useClass: PlatformStateService },
    { provide: PlatformStreams, useClass: PlatformStreamsService },
    PaperVenue,
    { provide: PaperLedger, useClass: PgPaperLedger },
  ],
  exports: [ConnectorGateway, PlatformStateReader, PlatformStreams],
})
export class ConnectorsModule {}
