import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuthAuditAction = 'user.create' | 'user.update' | 'user.delete';

/** Who changed which user, when, and how: one row per user administration call. */
@Entity('auth_audit')
export class AuthAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'varchar', length: 120 }) actor: string;
  @Column({ type: 'varchar', length: 32 }) action: AuthAuditAction;
  @Column({ name: 'target_user_id', type: 'int', nullable: true }) targetUserId: number | null;
  @Column({ name: 'target_username', type: 'varchar', length: 100, nullable: true })
  targetUsername: string | null;
  @Column({ type: 'jsonb', nullable: true }) before: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after: Record<string, unknown> | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
