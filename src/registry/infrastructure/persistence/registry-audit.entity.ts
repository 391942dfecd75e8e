import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction, AuditEntity } from '../../domain/registry-records';

/** `registry_audit`: one row per registry write, with the record before and after it. */
@Entity('registry_audit')
export class RegistryAuditEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100 }) actor: string;
  @Column({ type: 'varchar', length: 16 }) action: AuditAction;
  @Column({ type: 'varchar', length: 16 }) entity: AuditEntity;
  @Column({ name: 'entity_id', type: 'integer' }) entityId: number;
  @Column({ type: 'jsonb', nullable: true }) before: object | null;
  @Column({ type: 'jsonb', nullable: true }) after: object | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
