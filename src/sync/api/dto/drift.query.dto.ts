import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/page.query.dto';
import { DRIFT_KINDS, type DriftKind } from '../../domain/drift';

export class DriftListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'one trading account' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  account_id?: number;

  @ApiPropertyOptional({ enum: DRIFT_KINDS })
  @IsOptional()
  @IsIn(DRIFT_KINDS)
  kind?: DriftKind;
}
