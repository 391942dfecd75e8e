import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `economic_events`: one row per calendar event, unique by `uid`. */
@Entity('economic_events')
export class EconomicEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'varchar', length: 512 }) uid: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'varchar', length: 500 }) title: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) country: string | null;
  @Column({ type: 'varchar', length: 3, nullable: true }) currency: string | null;
  @Column({ type: 'varchar', length: 8 }) impact: string;
  @Column({ type: 'varchar', length: 2048 }) source: string;
  @Column({ name: 'imported_by', type: 'varchar', length: 255 }) importedBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
