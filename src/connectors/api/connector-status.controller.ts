import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ConnectionStatusReader } from '../application/connection-status.reader';
import { ConnectorStatusListResponseDto } from './connector-status.response.dto';

@ApiTags('connectors')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/connectors')
export class ConnectorStatusController {
  constructor(private readonly status: ConnectionStatusReader) {}

  /** Each connection: platform, source, which settings are missing (names only), breaker, rate limit, lane. */
  @Get('status')
  @ApiOkResponse({ type: ConnectorStatusListResponseDto })
  async list(): Promise<ConnectorStatusListResponseDto> {
    const items = await this.status.list();
    return { total: items.length, items };
  }
}
