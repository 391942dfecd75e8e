import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { FirmEntity } from './firm.entity';

/** `prop_programs` (seed Stage 13). NUMERIC columns are strings here; the mapper turns them into numbers. */
@Entity('prop_programs')
export class ProgramEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'firm_id', type: 'integer' }) firmId: number;
  @ManyToOne(() => FirmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id' })
  firm?: FirmEntity;
  @Column({ type: 'varchar', length: 255 }) name: string;
  @Column({ name: 'account_size', type: 'numeric', precision: 18, scale: 2 }) accountSize: string;
  @Column({ type: 'varchar', length: 16, nullable: true, default: 'USD' }) currency: string | null;
  @Column({ name: 'max_daily_loss', type: 'numeric', precision: 18, scale: 2, nullable: true })
  maxDailyLoss: string | null;
  @Column({ name: 'max_total_loss', type: 'numeric', precision: 18, scale: 2, nullable: true })
  maxTotalLoss: string | null;
  @Column({ name: 'profit_target', type: 'numeric', precision: 18, scale: 2, nullable: true })
  profitTarget: string | null;
  @Column({ name: 'min_trading_days', type: 'integer', nullable: true }) minTradingDays: number | null;
  @Column({ name: 'max_trading_days', type: 'integer', nullable: true }) maxTradingDays: number | null;
  @Column({ name: 'payout_split', type: 'numeric', precision: 5, scale: 4, nullable: true })
  payoutSplit: string | null;
  @Column({ name: 'scaling_plan', type: 'text', nullable: true }) scalingPlan: string | null;
  @Column({ name: 'schema_version', type: 'integer', nullable: true, default: 1 }) schemaVersion:
    number | null;
  @Column({ type: 'jsonb', nullable: true }) meta: object | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamp' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamp' }) updatedAt: Date;
}
