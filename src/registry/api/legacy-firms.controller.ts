import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RegistryReadService } from '../application/registry-read.service';
import { LegacyFirmResponseDto } from './dto/registry.response.dto';

/** The pre-registry endpoint, kept for old clients: same array shape, served from the registry. */
@ApiTags('registry')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/prop-firm')
export class LegacyFirmsController {
  constructor(private readonly registry: RegistryReadService) {}

  @Get('firms')
  @ApiOperation({
    summary: 'Firms in the legacy shape',
    description:
      'Falls back to the original mock firms (header X-Registry-Fallback: mock) when the registry is unavailable.',
  })
  @ApiOkResponse({ type: [LegacyFirmResponseDto] })
  async listLegacyFirms(@Res({ passthrough: true }) reply: FastifyReply): Promise<LegacyFirmResponseDto[]> {
    const { firms, fallback } = await this.registry.legacyFirms();
    if (fallback) void reply.header('x-registry-fallback', 'mock');
    return firms;
  }
}
