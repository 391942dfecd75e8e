import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PROTECTION_RESIZE_STATUSES,
  PROTECTION_STATUSES,
  ProtectionResizeStatus,
  ProtectionStatus,
  TASK_OUTCOMES,
  TaskOutcome,
} from '../../../shared-kernel/seed-results';

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
  @ApiPropertyOptional({
    example: 3,
    description:
      'Set when risk sized the entry down to fit the room left (a quantity sizing computed): the quantity ' +
      'sent; `rule` names the limit that capped it and `details.capped_from` the quantity asked for',
  })
  approved_quantity?: number;
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

/** Whether a working stop covers an accepted entry's position at the platform (issue 14). */
export class ProtectionDto {
  @ApiProperty({
    enum: PROTECTION_STATUSES,
    description:
      'PROTECTED: working stops cover the position; STOP_PLACED: the missing stop was placed; FLATTENED: ' +
      'placing it failed, the position was flattened and the account halted; UNPROTECTED: flattening failed ' +
      'too (halted); NOT_FILLED: the entry still works; NOT_NEEDED: no stop loss, or no position left',
  })
  status: ProtectionStatus;
  @ApiProperty({ example: '2 held, 2 covered by working SELL stops after 4 ms' }) detail: string;
  @ApiProperty({ type: Number, nullable: true, description: 'contracts held in the entry direction' })
  position: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'contracts covered by working stops' })
  covered: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'the protective stop PropRouter placed' })
  stop_order_id: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the halt recorded for the account' })
  halt_id: number | null;
  @ApiProperty({ description: 'from the entry accepted to the outcome' }) elapsed_ms: number;
}

/** One protective leg of a partial reduction, resized or cancelled. */
export class ResizedLegDto {
  @ApiProperty({ example: '5003', description: 'the working order at the platform' }) order_id: string;
  @ApiProperty({ enum: ['BUY', 'SELL'] }) side: 'BUY' | 'SELL';
  @ApiProperty({ example: 'STOP' }) type: string;
  @ApiProperty({ example: 3, description: 'contracts before' }) from: number;
  @ApiProperty({ example: 2, description: 'contracts after (0: cancelled)' }) to: number;
  @ApiProperty({ enum: ['SUCCESS', 'FAILED', 'RETRY', 'SKIPPED'] }) status:
    'SUCCESS' | 'FAILED' | 'RETRY' | 'SKIPPED';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the order working in its place, when the platform re-placed it (generic REST)',
  })
  new_order_id: string | null;
  @ApiProperty({ type: String, nullable: true }) error_message: string | null;
}

/** A partial reduction's protective orders brought down to what is left (README "Alert semantics"). */
export class ProtectionResizeDto {
  @ApiProperty({
    enum: PROTECTION_RESIZE_STATUSES,
    description:
      'RESIZED: every protective leg now covers at most what is left; NOT_NEEDED: none covered more; ' +
      'FAILED: some leg could not be resized (the result says PROTECTION_RESIZE_FAILED)',
  })
  status: ProtectionResizeStatus;
  @ApiProperty({ example: '2 left: SELL STOP 3 → 2 at 17990 (order 5003)' }) detail: string;
  @ApiProperty({ example: 2, description: 'contracts held after the reduction' }) remaining: number;
  @ApiProperty({ type: [ResizedLegDto] }) legs: ResizedLegDto[];
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
  @ApiPropertyOptional({
    type: ProtectionDto,
    description: 'an accepted entry: its protection check (absent on other results)',
  })
  protection?: ProtectionDto;
  @ApiPropertyOptional({
    type: ProtectionResizeDto,
    description:
      'a partial reduction that succeeded: its protective orders resized (absent on other results)',
  })
  protection_resize?: ProtectionResizeDto;
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
