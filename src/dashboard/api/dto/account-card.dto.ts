import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { ACCOUNT_PHASES, AccountPhase } from '../../../shared-kernel/account-phase';

const FIRM_CODE = /^[A-Za-z0-9_]{1,32}$/;

export class AccountCardQueryDto {
  @ApiPropertyOptional({ example: 'APEX' })
  @IsOptional()
  @Matches(FIRM_CODE, { message: 'firm_code must be a firm code (letters, digits, underscore; up to 32)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  firm_code?: string;
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class CardSyncDto {
  @ApiProperty({ enum: ['streaming', 'polling', 'down'] }) mode: 'streaming' | 'polling' | 'down';
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the platform last answered',
  })
  last_event_at: string | null;
  @ApiProperty({ type: String, nullable: true }) last_error: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The process holding the sync, while its lease runs',
  })
  holder: string | null;
}

export class CardPositionDto {
  @ApiProperty({ example: 'MNQZ5' }) symbol: string;
  @ApiProperty({ description: 'Signed: long > 0', example: 2 }) quantity: number;
  @ApiProperty({ type: Number, nullable: true }) avg_price: number | null;
}

/** The state and room the risk gate checks this account against. */
export class CardStateDto {
  @ApiProperty({ description: 'Read from the platform (true) or typed in' }) synced: boolean;
  @ApiProperty({ example: '2026-12-02' }) trading_day: string;
  @ApiProperty({ format: 'date-time', description: "When the firm's trading day ends" })
  trading_day_ends_at: string;
  @ApiProperty() balance: number;
  @ApiProperty() start_of_day_balance: number;
  @ApiProperty() realized_pnl_today: number;
  @ApiProperty() open_pnl: number;
  @ApiProperty({ description: 'balance + open P&L − the day’s starting balance' }) pnl_today: number;
  @ApiProperty() equity: number;
  @ApiProperty({ type: [CardPositionDto] }) positions: CardPositionDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'The daily loss limit the gate uses' })
  daily_loss_limit: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Room before it (≤ 0: reached); null: no limit' })
  daily_loss_left: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "The program's maximum loss" })
  drawdown_limit: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Equity above the floor (≤ 0: breached)' })
  drawdown_left: number | null;
  @ApiProperty({ type: Number, nullable: true }) drawdown_floor: number | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Last platform confirmation',
  })
  confirmed_at: string | null;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class CardHaltDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['global', 'firm', 'account'] }) scope: 'global' | 'firm' | 'account';
  @ApiProperty() reason: string;
  @ApiProperty() created_by: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expires_at: string | null;
}

export class CardFlatByDto {
  @ApiProperty({ example: '15:10 America/Chicago' }) flat_by: string;
  @ApiProperty({ format: 'date-time' }) flat_by_at: string;
  @ApiProperty({ format: 'date-time', description: 'When entries reopen' }) reopens_at: string;
}

export class AccountCardDto {
  @ApiProperty() account_id: number;
  @ApiProperty() label: string;
  @ApiProperty() firm_code: string;
  @ApiProperty({ type: Number, nullable: true }) program_id: number | null;
  @ApiProperty({ enum: ACCOUNT_PHASES }) phase: AccountPhase;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: ['api', 'env'] }) source: 'api' | 'env';
  @ApiProperty() connection_id: number;
  @ApiProperty({ type: String, nullable: true, enum: ['tradovate', 'projectx', 'rest'] }) platform:
    string | null;
  @ApiProperty({ type: CardSyncDto, nullable: true, description: 'null: no sync for this connection' })
  sync: CardSyncDto | null;
  @ApiProperty({
    type: CardStateDto,
    nullable: true,
    description: 'null for an env: account (no program: the firm-level state at /api/risk/accounts)',
  })
  state: CardStateDto | null;
  @ApiProperty({ description: 'An active halt stops its new entries' }) halted: boolean;
  @ApiProperty({
    type: [CardHaltDto],
    description: 'The active halts that reach it (global, its firm, its own)',
  })
  halts: CardHaltDto[];
  @ApiProperty({
    type: CardFlatByDto,
    nullable: true,
    description: "Set while its firm's flat-by time holds",
  })
  flat_by: CardFlatByDto | null;
}

export class AccountCardListDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [AccountCardDto] }) items: AccountCardDto[];
}
