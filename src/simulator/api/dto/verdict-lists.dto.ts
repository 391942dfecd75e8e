import { ApiProperty } from '@nestjs/swagger';

/** A verdict's lists of trades: skipped (refused by the gate), capped (sized down to fit), held past the flat-by. */

export class SkippedTradeDto {
  @ApiProperty() trade: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'FLAT_BY' }) rule: string;
  @ApiProperty() reason: string;
}

export class SkippedDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { FLAT_BY: 3 } })
  by_rule: Record<string, number>;
  @ApiProperty({ type: [SkippedTradeDto], description: 'the first 20' }) first: SkippedTradeDto[];
}

export class CappedTradeDto {
  @ApiProperty() trade: string;
  @ApiProperty({ format: 'date-time', description: 'the entry' }) at: string;
  @ApiProperty({ description: 'the quantity sizing computed' }) from: number;
  @ApiProperty({ description: 'the largest whole quantity that fit every room (what was replayed)' })
  to: number;
  @ApiProperty({ example: 'DAILY_LOSS_LIMIT', description: 'the rule whose room set it' }) rule: string;
}

export class CappedDto {
  @ApiProperty() count: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { MAX_POSITION_SIZE: 3 },
  })
  by_rule: Record<string, number>;
  @ApiProperty({ type: [CappedTradeDto], description: 'the first 20' }) first: CappedTradeDto[];
}

export class FlatByViolationDto {
  @ApiProperty() trade: string;
  @ApiProperty({ format: 'date-time', description: "the flat-by of the entry's session" }) flat_by_at: string;
  @ApiProperty({ format: 'date-time' }) exit_at: string;
}

export class FlatByDto {
  @ApiProperty({ description: 'trades still open after the flat-by of the session they were entered in' })
  violations: number;
  @ApiProperty({ type: [FlatByViolationDto], description: 'the first 20' }) first: FlatByViolationDto[];
}
