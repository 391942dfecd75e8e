import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partial reduction whose protective orders could not be resized to what is left (README "Alert semantics":
 * the account's result says `PROTECTION_RESIZE_FAILED`) is an `order.failed` notice: the trader must know that
 * a stop or target may be larger than the position. One event per such account, written with the task's
 * result; the facts name the reduction's order (symbol, side), what is left and the result's words.
 */
export class ProtectionResizeNotice1763700012800 implements MigrationInterface {
  name = 'ProtectionResizeNotice1763700012800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notification_protection_resize_failed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO notification_outbox (kind, account_id, payload)
        SELECT 'order.failed', (r->>'account_id')::int,
          jsonb_build_object('task_id', NEW.task_id, 'trade_id', NEW.response_body->>'trade_id',
            'event_type', 'protective orders', 'firm_code', r->>'firm_code',
            'account_label', r->>'account_label', 'order_id', o.id, 'symbol', o.symbol, 'side', o.side,
            'quantity', r->'protection_resize'->'remaining', 'error', left(r->>'error_message', 300))
        FROM jsonb_array_elements(NEW.response_body->'connector_results') AS r
        LEFT JOIN LATERAL (
          SELECT id, symbol, side FROM orders
          WHERE orders.task_id = NEW.task_id AND orders.account_id = (r->>'account_id')::int
          ORDER BY id DESC LIMIT 1
        ) AS o ON true
        WHERE r->'protection_resize'->>'status' = 'FAILED';
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER execution_logs_resize_failed_notification AFTER INSERT ON execution_logs FOR EACH ROW
        WHEN (NEW.response_body @> '{"connector_results":[{"protection_resize":{"status":"FAILED"}}]}')
        EXECUTE FUNCTION notification_protection_resize_failed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER execution_logs_resize_failed_notification ON execution_logs');
    await q.query('DROP FUNCTION notification_protection_resize_failed()');
  }
}
