import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `platform_connections`: one login at a platform. Credentials are AES-256-GCM ciphertext only. */
@Entity('platform_connections')
export class PlatformConnectionEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) platform: string | null;
  @Column({ type: 'varchar', length: 8 }) environment: string;
  @Column({ name: 'base_url', type: 'text', nullable: true }) baseUrl: string | null;
  @Column({ name: 'credentials_ciphertext', type: 'text', nullable: true }) credentialsCiphertext:
    string | null;
  @Column({ name: 'credentials_key_id', type: 'varchar', length: 32, nullable: true }) credentialsKeyId:
    string | null;
  /** The names of the set credential fields (never their values). */
  @Column({ name: 'credentials_set', type: 'text', array: true }) credentialsSet: string[];
  @Column({ type: 'varchar', length: 8 }) source: string;
  @Column({ name: 'env_firm', type: 'varchar', length: 50, nullable: true }) envFirm: string | null;
  @Column({ type: 'integer' }) revision: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
