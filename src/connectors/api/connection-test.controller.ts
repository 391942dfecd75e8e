import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { AppError } from '../../platform/errors/app-error';
import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { ConnectorGateway } from '../application/ports/connector-gateway.port';
import { ConnectionTestResponseDto } from './connection-test.response.dto';

/**
 * Tests a connection: logs in at the platform with its credentials and lists the accounts that login can
 * trade. A write (POST), so the global guard lets only admins through. The answer never holds a credential.
 */
@ApiTags('accounts')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiForbiddenResponse({ description: 'needs the admin role' })
@Controller('api/accounts/connections')
export class ConnectionTestController {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly gateway: ConnectorGateway,
  ) {}

  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({
    type: ConnectionTestResponseDto,
    description: '{ok: true, accounts} when the login works, else {ok: false, error}',
  })
  @ApiNotFoundResponse({ description: 'no such connection' })
  async test(@Param('id', ParseIdPipe) id: number): Promise<ConnectionTestResponseDto> {
    if (!(await this.directory.connection(id))) throw AppError.notFound(`connection ${id}`);
    const result = await this.gateway.testConnection(id);
    return result.ok ? { ok: true, accounts: result.accounts ?? [] } : { ok: false, error: result.error };
  }
}
