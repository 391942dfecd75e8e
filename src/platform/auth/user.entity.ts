import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type Role = 'admin' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'viewer'];

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100, unique: true }) username: string;
  /** argon2id (`$argon2id$…`), or a bcrypt hash from before issue 12, replaced at the next login. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 }) passwordHash: string;
  @Column({ type: 'varchar', length: 16 }) role: Role;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  /** Tokens carry the version they were issued under: bumping it ends every session of the user. */
  @Column({ name: 'session_version', type: 'int', default: 0 }) sessionVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
