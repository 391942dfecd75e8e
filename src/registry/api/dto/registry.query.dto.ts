import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/page.query.dto';

/** An optional id filter: a positive integer that fits a SERIAL column. */
const OptionalId = () =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(2_147_483_647),
  );

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class FirmListQueryDto {
  @ApiPropertyOptional({ default: false, description: 'also list inactive firms' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  include_inactive?: boolean;
}

export class ProgramListQueryDto {
  @OptionalId()
  firm_id?: number;
}

export class ScalingRuleListQueryDto {
  @OptionalId()
  program_id?: number;
}

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['firm', 'program', 'scaling_rule'] })
  @IsOptional()
  @IsIn(['firm', 'program', 'scaling_rule'])
  entity?: 'firm' | 'program' | 'scaling_rule';

  @OptionalId()
  entity_id?: number;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ default: false, description: 'report what would change, change nothing' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dry_run?: boolean;
}

export class RegistryImportQueryDto extends ImportQueryDto {
  @ApiPropertyOptional({
    default: false,
    description:
      "after the import, delete the seed's 33 generic programs of every firm that has real ones (a program trading accounts use is kept and reported)",
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  retire_generic?: boolean;
}
