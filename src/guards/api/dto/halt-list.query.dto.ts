import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/page.query.dto';

export class HaltListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'only halts neither cleared nor past their expires_at',
    default: false,
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active_only?: boolean;
}
