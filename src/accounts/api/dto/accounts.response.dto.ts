import { ApiProperty } from '@nestjs/swagger';

export class ConnectionResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: ['tradovate', 'projectx', 'rest', 'paper'],
    nullable: true,
    type: String,
    description: 'null: an env firm whose platform is not configured',
  })
  platform: string | null;
  @ApiProperty({ enum: ['demo', 'live'] }) environment: string;
  @ApiProperty({ nullable: true, type: String, description: 'as set; null: the platform’s documented URL' })
  base_url: string | null;
  @ApiProperty({ description: 'the URL the connectors use' }) effective_base_url: string;
  @ApiProperty({
    type: [String],
    description: 'the credential fields that are set (never their values)',
    example: ['username', 'password'],
  })
  credentials_set: string[];
  @ApiProperty({ enum: ['api', 'env'], description: 'env: configured by {FIRM}_* variables, read-only' })
  source: string;
  @ApiProperty({ nullable: true, type: String }) env_firm: string | null;
  @ApiProperty({ description: 'grows whenever the URL or the credentials change' }) revision: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ConnectionListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [ConnectionResponseDto] }) items: ConnectionResponseDto[];
}

export class AccountResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() label: string;
  @ApiProperty() firm_code: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null only for env:{FIRM} accounts' })
  program_id: number | null;
  @ApiProperty() connection_id: number;
  @ApiProperty({ enum: ['tradovate', 'projectx', 'rest', 'paper'], nullable: true, type: String }) platform:
    string | null;
  @ApiProperty({ nullable: true, type: String }) platform_account: string | null;
  @ApiProperty({ nullable: true, type: String }) platform_account_spec: string | null;
  @ApiProperty({ enum: ['evaluation', 'funded', 'live'] }) phase: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: ['risk', 'fixed', 'multiplier'] }) sizing_mode: string;
  @ApiProperty({ nullable: true, type: Number, description: 'fraction, 0.01 = 1 %' }) default_risk_percent:
    number | null;
  @ApiProperty({ nullable: true, type: Number }) fixed_quantity: number | null;
  @ApiProperty({ nullable: true, type: Number }) quantity_multiplier: number | null;
  @ApiProperty({ nullable: true, type: Number }) max_contracts: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) symbol_map: Record<
    string,
    string
  >;
  @ApiProperty({ description: 'reconciliation closes positions no routed trade opened' })
  flatten_orphans: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'the guard flattens and halts the account when its room before a limit is at most this fraction of the limit (0.1 = 10 %); null: the GUARD_BUFFER default',
  })
  guard_buffer: number | null;
  @ApiProperty({ enum: ['api', 'env'] }) source: string;
  @ApiProperty({
    type: [String],
    description: 'notes about this write (e.g. the program’s tighter contract limit); empty on reads',
  })
  notes: string[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class AccountListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [AccountResponseDto] }) items: AccountResponseDto[];
}

const JSON_OBJECT = { type: 'object', additionalProperties: true, nullable: true } as const;

export class AccountsAuditEntryResponseDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'user name, system:env or cli:rotate-key' }) actor: string;
  @ApiProperty({ enum: ['create', 'update', 'delete', 'env_sync', 'rotate_key'] }) action: string;
  @ApiProperty({ enum: ['connection', 'account'] }) entity: string;
  @ApiProperty() entity_id: number;
  @ApiProperty({ ...JSON_OBJECT, description: 'credentials appear as the names of the set fields only' })
  before: Record<string, unknown> | null;
  @ApiProperty(JSON_OBJECT) after: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class AccountsAuditListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [AccountsAuditEntryResponseDto] }) items: AccountsAuditEntryResponseDto[];
}
