import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `accounts_audit`: one row per write; credentials appear only as the names of the set fields. */
@Entity('accounts_audit')
export class AccountsAuditEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100 }) actor: string;
  @Column({ type: 'varchar', length: 16 }) action: string;
  @Column({ type: 'varchar', length: 16 }) entity: string;
  @Column({ name: 'entity_id', type: 'integer' }) entityId: number;
  @Column({ type: 'jsonb', nullable: true }) before: object | null;
  @Column({ type: 'jsonb', nullable: true }) after: object | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
