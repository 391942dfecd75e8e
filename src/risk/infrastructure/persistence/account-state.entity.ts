import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One open position as stored in `positions` (JSONB): the average price as decimal text. */
export interface PositionJson {
  symbol: string;
  net_quantity: number;
  avg_price: string | null;
}

/** NUMERIC columns arrive from pg as strings; the mapper turns them into decimals. */
@Entity('account_states')
export class AccountStateEntity {
  @PrimaryColumn({ name: 'firm_code', type: 'varchar', length: 50 }) firmCode: string;
  @PrimaryColumn({ name: 'program_id', type: 'integer' }) programId: number;
  /** 0: the firm-level state of firm × program; else a trading account's id. */
  @PrimaryColumn({ name: 'account_id', type: 'integer', default: 0 }) accountId: number;
  @Column({ type: 'numeric' }) balance: string;
  @Column({ name: 'start_of_day_balance', type: 'numeric' }) startOfDayBalance: string;
  @Column({ name: 'realized_pnl_today', type: 'numeric' }) realizedPnlToday: string;
  @Column({ name: 'open_pnl', type: 'numeric' }) openPnl: string;
  @Column({ name: 'high_water_mark_eod', type: 'numeric' }) highWaterMarkEod: string;
  @Column({ name: 'high_water_mark_intraday', type: 'numeric' }) highWaterMarkIntraday: string;
  @Column({ name: 'open_contracts', type: 'integer' }) openContracts: number;
  @Column({ name: 'avg_price', type: 'numeric', nullable: true }) avgPrice: string | null;
  @Column({ name: 'position_symbol', type: 'varchar', length: 20, nullable: true }) positionSymbol:
    string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) positions: PositionJson[];
  @Column({ name: 'fill_book', type: 'jsonb', default: () => "'[]'" }) fillBook: PositionJson[];
  @Column({ type: 'varchar', length: 8, default: 'manual' }) source: 'manual' | 'platform';
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  @Column({ name: 'working_order_refs', type: 'text', array: true, default: () => "'{}'" })
  workingOrderRefs: string[];
  @Column({ name: 'trading_day', type: 'date' }) tradingDay: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
