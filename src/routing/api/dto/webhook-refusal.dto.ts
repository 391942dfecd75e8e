import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/page.query.dto';

export class WebhookRefusalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 400, maximum: 599, description: 'only refusals answered with this status' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(400)
  @Max(599)
  status?: number;
}

export class WebhookRefusalDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'date-time' }) received_at: string;
  @ApiProperty({
    description: 'the answer: 400 invalid body, 401 secret, 403 sender, 413 size, 415, 429, 503',
  })
  status: number;
  @ApiProperty({ description: 'the answer’s message' }) reason: string;
  @ApiProperty({ type: [String], description: 'every problem a 400 listed' }) problems: string[];
  @ApiProperty({ description: 'the sender’s address (TRUST_PROXY applied)' }) ip: string;
  @ApiProperty() path: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the body as received, every secret replaced by [REDACTED], cut to 4,096 characters',
  })
  body: string | null;
  @ApiProperty({
    description: 'refusals not stored just before this one (over 120 a minute are counted only)',
  })
  suppressed_before: number;
}

export class WebhookRefusalListDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [WebhookRefusalDto] }) items: WebhookRefusalDto[];
}
