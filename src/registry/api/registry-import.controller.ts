import { Body, Controller, Headers, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { RegistryImportService } from '../application/registry-import.service';
import { RegistrySyncService } from '../application/registry-sync.service';
import { ImportQueryDto, RegistryImportQueryDto } from './dto/registry.query.dto';
import { ImportReportResponseDto, SyncReportResponseDto } from './dto/registry.response.dto';

/** Bulk import (JSON or CSV) and the sync from REGISTRY_SYNC_SOURCE; admin only (the global guard). */
@ApiTags('registry')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiForbiddenResponse({ description: 'needs the admin role' })
@Controller('api/prop-registry')
export class RegistryImportController {
  constructor(
    private readonly imports: RegistryImportService,
    private readonly syncs: RegistrySyncService,
  ) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upsert firms, programs and scaling rules from JSON or CSV, with a per-row report',
    description:
      'JSON: `[firm, …]` or `{"firms":[…],"programs":[…],"scaling_rules":[…]}`; a firm may nest `programs`, a program ' +
      '`scaling_rules`. CSV (text/csv): one line per program with its firm columns (see the README). Natural keys: firm ' +
      'code; firm + program name + account size; program + step number. Valid rows are applied and invalid ones ' +
      "rejected with their reasons; `dry_run=true` changes nothing. `retire_generic=true` then deletes the seed's generic " +
      'programs of every firm that has real ones (`retired` rows; one used by trading accounts is `kept`).',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'object', additionalProperties: true },
        { type: 'array', items: { type: 'object' } },
        { type: 'string' },
      ],
    },
  })
  @ApiOkResponse({ type: ImportReportResponseDto })
  @ApiBadRequestResponse({
    description: 'the document cannot be read (bad JSON or CSV, unknown columns or keys)',
  })
  async importRegistry(
    @Body() body: unknown,
    @Query() q: RegistryImportQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @CurrentUser() user: Principal,
  ): Promise<ImportReportResponseDto> {
    const format = (contentType ?? '').toLowerCase().startsWith('text/csv') ? 'csv' : 'json';
    const records = this.imports.parse(format, body);
    return this.imports.run(records, {
      dryRun: q.dry_run ?? false,
      actor: user.username,
      retireGeneric: q.retire_generic ?? false,
    });
  }

  @Post('sync')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refresh the registry from REGISTRY_SYNC_SOURCE (file or URL) and stamp last_synced_at',
  })
  @ApiOkResponse({ type: SyncReportResponseDto })
  @ApiConflictResponse({ description: 'no REGISTRY_SYNC_SOURCE configured' })
  @ApiServiceUnavailableResponse({ description: 'the source cannot be read' })
  async syncRegistry(
    @Query() q: ImportQueryDto,
    @CurrentUser() user: Principal,
  ): Promise<SyncReportResponseDto> {
    return this.syncs.sync({ dryRun: q.dry_run ?? false, actor: user.username });
  }
}
