import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ConnectorGateway } from '../application/ports/connector-gateway.port';
import { FirmSettingsReader } from '../application/firm-settings.reader';
import { ConnectorStatusListResponseDto } from './connector-status.response.dto';

@ApiTags('connectors')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/connectors')
export class ConnectorStatusController {
  constructor(
    private readonly gateway: ConnectorGateway,
    private readonly firms: FirmSettingsReader,
  ) {}

  /** Each known firm's connector: platform, enabled, and which settings are missing (names only). */
  @Get('status')
  @ApiOkResponse({ type: ConnectorStatusListResponseDto })
  list(): ConnectorStatusListResponseDto {
    const items = this.firms.knownFirms().map((f) => this.gateway.status(f));
    return { total: items.length, items };
  }
}
