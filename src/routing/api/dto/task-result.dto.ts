import { ApiProperty } from '@nestjs/swagger';
import { TASK_OUTCOMES, TaskOutcome } from '../../../shared-kernel/seed-results';

export class RiskCheckDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The trading account (null on results recorded before accounts)',
  })
  account_id: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'apex-1' }) account_label: string | null;
  @ApiProperty({ example: 'APEX' }) firm_code: string;
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] }) status: 'APPROVED' | 'REJECTED';
  @ApiProperty({ type: String, nullable: true }) rule: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

export class ProgramSizingDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The trading account (null on results recorded before accounts)',
  })
  account_id: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'apex-1' }) account_label: string | null;
  @ApiProperty({ example: 'APEX' }) firm_code: string;
  @ApiProperty({ example: 4 }) program_id: number;
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] }) status: 'APPROVED' | 'REJECTED';
  @ApiProperty({ type: String, nullable: true }) rule: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 25 }) computed_quantity: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { account_size: 50000, risk_percent: 0.01, stop_distance: 10, multiplier: 2 },
  })
  details: Record<string, unknown>;
}

export class ConnectorResultDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The trading account (null on results recorded before accounts)',
  })
  account_id: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'apex-1' }) account_label: string | null;
  @ApiProperty({ example: 'APEX' }) firm_code: string;
  @ApiProperty({ enum: ['SUCCESS', 'FAILED', 'RETRY', 'SKIPPED'] }) status:
    'SUCCESS' | 'FAILED' | 'RETRY' | 'SKIPPED';
  @ApiProperty({ type: String, nullable: true }) external_order_id: string | null;
  @ApiProperty({ nullable: true, description: 'The platform response (redacted)' }) raw_response: unknown;
  @ApiProperty({ type: String, nullable: true, example: 'GLOBAL_DRY_RUN_ENABLED' }) error_message:
    string | null;
}

/** `execution_logs.response_body`. */
export class TaskResultDto {
  @ApiProperty({ description: 'true when any connector returned SUCCESS' }) routed: boolean;
  @ApiProperty() dry_run: boolean;
  @ApiProperty({ enum: ['entry', 'exit'] }) event_type: 'entry' | 'exit';
  @ApiProperty() trade_id: string;
  @ApiProperty() details: string;
  @ApiProperty({ enum: TASK_OUTCOMES, description: 'What the task came to over its accounts' })
  outcome: TaskOutcome;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description:
      'Accounts per state: targeted, rejected (by risk or sizing), success, failed, retry, skipped',
  })
  account_counts: Record<string, number>;
  @ApiProperty({ type: [RiskCheckDto] }) risk_checks: RiskCheckDto[];
  @ApiProperty({ type: [ProgramSizingDto] }) program_sizing: ProgramSizingDto[];
  @ApiProperty({ type: [ConnectorResultDto] }) connector_results: ConnectorResultDto[];
}
