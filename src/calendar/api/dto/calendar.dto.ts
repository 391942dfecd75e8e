import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsIsoInstant } from '../../../platform/input/input.decorators';

export class CalendarEventsQueryDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'ISO 8601 (1970–9999; a date alone is its midnight UTC); default now',
    example: '2026-03-06T00:00:00Z',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: Date;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'ISO 8601 (1970–9999); default 7 days after `from`',
    example: '2026-03-13T00:00:00Z',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: Date;

  @ApiPropertyOptional({ enum: ['high', 'medium', 'low'], description: 'only this impact' })
  @IsOptional()
  @IsIn(['high', 'medium', 'low'])
  impact?: 'high' | 'medium' | 'low';
}

export class CalendarEventResponseDto {
  @ApiProperty() uid: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'USD' }) currency: string | null;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) impact: string;
  @ApiProperty({ description: 'the file or URL it was imported from' }) source: string;
}

export class CalendarEventsResponseDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [CalendarEventResponseDto] }) items: CalendarEventResponseDto[];
}

export class CalendarImportResponseDto {
  @ApiProperty({ enum: ['csv', 'ics'] }) format: string;
  @ApiProperty({ description: '"upload" or the URL' }) source: string;
  @ApiProperty({ description: 'events in the document' }) events: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'already imported as they are' }) unchanged: number;
}
