import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/page.query.dto';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ConnectionListQueryDto extends PageQueryDto {}

export class AccountListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'accounts carrying this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  tag?: string;

  @ApiPropertyOptional({ example: 'APEX' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_]{1,50}$/, { message: 'firm_code must be a firm code (letters, digits, underscore)' })
  firm_code?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  connection_id?: number;
}

export class AccountsAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['connection', 'account'] })
  @IsOptional()
  @IsIn(['connection', 'account'])
  entity?: 'connection' | 'account';

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  entity_id?: number;
}
