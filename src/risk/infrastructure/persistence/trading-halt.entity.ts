import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('trading_halts')
export class TradingHaltEntity {
  @PrimaryGeneratedColumn() id: number;
  /** Null: a global halt. */
  @Column({ name: 'firm_code', type: 'varchar', length: 50, nullable: true }) firmCode: string | null;
  /** A halt on one trading account (its firm in `firmCode`); null: firm-wide or global. */
  @Column({ name: 'account_id', type: 'int', nullable: true }) accountId: number | null;
  @Column({ type: 'varchar', length: 500 }) reason: string;
  /** The halt ends by itself then; null: until cleared. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ name: 'created_by', type: 'varchar', length: 100 }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'cleared_by', type: 'varchar', length: 100, nullable: true }) clearedBy: string | null;
  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true }) clearedAt: Date | null;
}
