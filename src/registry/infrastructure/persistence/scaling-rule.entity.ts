import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `prop_scaling_rules` (seed Stage 13). */
@Entity('prop_scaling_rules')
export class ScalingRuleEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'firm_id', type: 'integer' }) firmId: number;
  @Column({ name: 'program_id', type: 'integer', nullable: true }) programId: number | null;
  @Column({ name: 'step_number', type: 'integer', default: 1 }) stepNumber: number;
  @Column({ name: 'scale_factor', type: 'numeric', precision: 10, scale: 4 }) scaleFactor: string;
  @Column({ name: 'profit_target_multiple', type: 'numeric', precision: 10, scale: 4, nullable: true })
  profitTargetMultiple: string | null;
  @Column({ name: 'min_days_between_scales', type: 'integer', nullable: true }) minDaysBetweenScales:
    number | null;
  @Column({ name: 'max_equity_drawdown', type: 'numeric', precision: 10, scale: 4, nullable: true })
  maxEquityDrawdown: string | null;
  @Column({ type: 'jsonb', nullable: true }) meta: object | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamp' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamp' }) updatedAt: Date;
}
