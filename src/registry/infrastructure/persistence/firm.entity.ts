import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `prop_firms` (seed Stage 13). */
@Entity('prop_firms')
export class FirmEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 50, unique: true }) code: string;
  @Column({ type: 'varchar', length: 255 }) name: string;
  @Column({ name: 'website_url', type: 'text', nullable: true }) websiteUrl: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true, default: 'active' }) status: string | null;
  @Column({ name: 'schema_version', type: 'integer', nullable: true, default: 1 }) schemaVersion:
    number | null;
  @Column({ type: 'jsonb', nullable: true }) meta: object | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamp' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamp' }) updatedAt: Date;
  @Column({ name: 'last_synced_at', type: 'timestamp', nullable: true }) lastSyncedAt: Date | null;
}
