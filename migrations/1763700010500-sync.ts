import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `connection_sync`: the process keeping each platform connection in sync (a lease: one holder at a time,
 * taken over when it runs out) and how the sync goes (streaming, polling, down; last event; last error).
 */
export class Sync1763700010500 implements MigrationInterface {
  name = 'Sync1763700010500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connection_sync (
        connection_id INT PRIMARY KEY REFERENCES platform_connections (id) ON DELETE CASCADE,
        holder VARCHAR(128),
        lease_until TIMESTAMPTZ,
        mode VARCHAR(16) NOT NULL DEFAULT 'down' CHECK (mode IN ('streaming', 'polling', 'down')),
        last_event_at TIMESTAMPTZ,
        last_error TEXT,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE connection_sync');
  }
}
