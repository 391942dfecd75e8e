import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderStatus } from '../../application/ports/order-store.port';
import { bigintToNumber } from './bigint.transformer';

@Entity('orders')
export class OrderEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintToNumber }) id: number;
  /** Null for an order of an account flatten (`flattenId`). */
  @Column({ name: 'task_id', type: 'bigint', nullable: true, transformer: bigintToNumber }) taskId:
    number | null;
  @Column({ name: 'flatten_id', type: 'bigint', nullable: true, transformer: bigintToNumber }) flattenId:
    number | null;
  @Column({ name: 'trade_id', type: 'varchar', length: 128 }) tradeId: string;
  @Column({ name: 'event_type', type: 'varchar', length: 8 }) eventType: 'entry' | 'exit';
  @Column({ name: 'firm_code', type: 'varchar', length: 32 }) firmCode: string;
  @Column({ name: 'account_id', type: 'int', nullable: true }) accountId: number | null;
  @Column({ name: 'account_label', type: 'varchar', length: 100, nullable: true }) accountLabel:
    string | null;
  @Column({ name: 'program_id', type: 'int', nullable: true }) programId: number | null;
  @Column({ name: 'client_order_id', type: 'varchar', length: 128 }) clientOrderId: string;
  @Column({ name: 'external_order_id', type: 'varchar', length: 128, nullable: true }) externalOrderId:
    string | null;
  @Column({ type: 'varchar', length: 64 }) symbol: string;
  @Column({ type: 'varchar', length: 4 }) side: 'BUY' | 'SELL';
  @Column({ type: 'int' }) quantity: number;
  /** Of `quantity`, what the platform closed on its own (reconciliation found the trade flat or smaller). */
  @Column({ name: 'platform_closed_quantity', type: 'int', default: 0 }) platformClosedQuantity: number;
  @Column({ name: 'platform_closed_at', type: 'timestamptz', nullable: true }) platformClosedAt: Date | null;
  @Column({ type: 'varchar', length: 16 }) status: OrderStatus;
  @Column({ name: 'error_message', type: 'text', nullable: true }) errorMessage: string | null;
  @Column({ name: 'raw_request', type: 'jsonb', nullable: true }) rawRequest: unknown;
  @Column({ name: 'raw_response', type: 'jsonb', nullable: true }) rawResponse: unknown;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
