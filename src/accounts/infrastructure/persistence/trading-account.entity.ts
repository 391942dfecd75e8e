import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `trading_accounts`: the unit of routing. NUMERIC columns are exact decimal text here. */
@Entity('trading_accounts')
export class TradingAccountEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100 }) label: string;
  @Column({ name: 'firm_code', type: 'varchar', length: 50 }) firmCode: string;
  @Column({ name: 'program_id', type: 'integer', nullable: true }) programId: number | null;
  @Column({ name: 'connection_id', type: 'integer' }) connectionId: number;
  @Column({ name: 'platform_account', type: 'varchar', length: 100, nullable: true }) platformAccount:
    string | null;
  @Column({ name: 'platform_account_spec', type: 'varchar', length: 100, nullable: true })
  platformAccountSpec: string | null;
  @Column({ type: 'varchar', length: 16 }) phase: string;
  @Column({ type: 'boolean' }) enabled: boolean;
  @Column({ type: 'text', array: true }) tags: string[];
  @Column({ name: 'sizing_mode', type: 'varchar', length: 16 }) sizingMode: string;
  @Column({ name: 'default_risk_percent', type: 'numeric', nullable: true }) defaultRiskPercent:
    string | null;
  @Column({ name: 'fixed_quantity', type: 'integer', nullable: true }) fixedQuantity: number | null;
  @Column({ name: 'quantity_multiplier', type: 'numeric', nullable: true }) quantityMultiplier: string | null;
  @Column({ name: 'max_contracts', type: 'integer', nullable: true }) maxContracts: number | null;
  @Column({ name: 'symbol_map', type: 'jsonb' }) symbolMap: Record<string, string>;
  @Column({ name: 'flatten_orphans', type: 'boolean', default: false }) flattenOrphans: boolean;
  @Column({ name: 'guard_buffer', type: 'numeric', nullable: true }) guardBuffer: string | null;
  @Column({ type: 'varchar', length: 8 }) source: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
