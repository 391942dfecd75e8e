import { ApiProperty } from '@nestjs/swagger';
import {
  FLATTEN_STATUSES,
  type FlattenStatus,
} from '../../../routing/application/ports/account-flattener.port';

export class FlattenedPositionDto {
  @ApiProperty({ example: 'MNQZ5', description: "the platform's contract" }) symbol: string;
  @ApiProperty({ example: 2, description: 'net quantity closed: positive was long, negative short' })
  quantity: number;
}

export class FlattenOutcomeDto {
  @ApiProperty() account_id: number;
  @ApiProperty() account_label: string;
  @ApiProperty() firm_code: string;
  @ApiProperty({
    enum: FLATTEN_STATUSES,
    description:
      'FLAT: positions closed, working orders cancelled; ALREADY_FLAT: nothing was open; DRY_RUN: ' +
      'EXECUTION_DRY_RUN held the orders (closed / cancelled_orders say what would have been done); FAILED: see error',
  })
  status: FlattenStatus;
  @ApiProperty({ type: [FlattenedPositionDto] }) closed: FlattenedPositionDto[];
  @ApiProperty({ description: 'working orders cancelled at the platform' }) cancelled_orders: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why it failed (the account may still hold positions)',
  })
  error: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "the flatten's record; its orders carry it (flatten_id)",
  })
  flatten_id: number | null;
}

export class FlattenListResponseDto {
  @ApiProperty({ description: 'accounts flattened (each has its outcome in items)' }) total: number;
  @ApiProperty({ description: 'how many ended FAILED' }) failed: number;
  @ApiProperty({ type: [FlattenOutcomeDto] }) items: FlattenOutcomeDto[];
}
