import type { TaskOutcome } from '../../domain/task-result';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Signal } from '../../domain/signal';
import type { TaskStatus } from '../../application/ports/execution-read-model.port';
import { bigintToNumber } from './bigint.transformer';

@Entity('execution_tasks')
export class ExecutionTaskEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintToNumber }) id: number;
  @Column({ name: 'trade_id', type: 'varchar', length: 128 }) tradeId: string;
  @Column({ name: 'event_type', type: 'varchar', length: 8 }) eventType: 'entry' | 'exit';
  @Column({ type: 'jsonb' }) payload: Signal;
  @Column({ type: 'varchar', length: 16 }) status: TaskStatus;
  @Column({ type: 'int' }) attempts: number;
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome: TaskOutcome | null;
  @Column({ name: 'available_at', type: 'timestamptz' }) availableAt: Date;
  @Column({ name: 'locked_by', type: 'varchar', length: 128, nullable: true }) lockedBy: string | null;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
