import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { SizingModule } from '../sizing/sizing.module';
import { ConnectorStatusController } from './api/connector-status.controller';
import { ConnectorFactory } from './application/ports/connector-factory.port';
import { ConnectorGatewayService } from './application/connector-gateway.service';
import { FirmSettingsReader } from './application/firm-settings.reader';
import { ConnectorGateway } from './application/ports/connector-gateway.port';
import { PlatformHttpClients } from './infrastructure/http/platform-http-clients';
import { PlatformConnectorFactory } from './infrastructure/platform-connector.factory';

/** Order routing to the firms' platforms (seed 13C): generic REST, Tradovate, ProjectX, behind one gateway. */
@Module({
  imports: [HttpModule, SizingModule],
  controllers: [ConnectorStatusController],
  providers: [
    FirmSettingsReader,
    PlatformHttpClients,
    { provide: ConnectorFactory, useClass: PlatformConnectorFactory },
    { provide: ConnectorGateway, useClass: ConnectorGatewayService },
  ],
  exports: [ConnectorGateway],
})
export class ConnectorsModule {}
