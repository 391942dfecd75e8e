import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaskResult } from '../../domain/task-result';
import { bigintToNumber } from './bigint.transformer';

@Entity('execution_logs')
export class ExecutionLogEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintToNumber }) id: number;
  @Column({ name: 'task_id', type: 'bigint', transformer: bigintToNumber }) taskId: number;
  @Column({ name: 'response_body', type: 'jsonb' }) responseBody: TaskResult;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
