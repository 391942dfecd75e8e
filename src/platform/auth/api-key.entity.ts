import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './user.entity';

/** Only the SHA-256 of a key is stored; the key itself is shown once, at creation. */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 16 }) prefix: string;
  @Column({ name: 'key_hash', type: 'char', length: 64, unique: true }) keyHash: string;
  @Column({ type: 'varchar', length: 16 }) role: Role;
  @Column({ name: 'created_by', type: 'varchar', length: 100 }) createdBy: string;
  /** The key works only while this user exists and is enabled, and never above the user's role. */
  @Column({ name: 'owner_id', type: 'int', nullable: true }) ownerId: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
