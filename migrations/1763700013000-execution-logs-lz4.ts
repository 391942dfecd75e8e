import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task results (`execution_logs.response_body`, ~4 KB for an entry to three accounts) are compressed with lz4
 * instead of pglz where the server has lz4 (issue 20: the router's completion statement, one per batch,
 * spent ~60 µs of Postgres CPU per result compressing it with pglz, ~20 µs with lz4). Only values written
 * from now on are compressed so; older ones stay readable as they are. A server built without lz4 (the
 * embedded Postgres) keeps pglz: the statement is skipped there.
 */
export class ExecutionLogsLz41763700013000 implements MigrationInterface {
  name = 'ExecutionLogsLz41763700013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        ALTER TABLE execution_logs ALTER COLUMN response_body SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
        RAISE NOTICE 'lz4 is not available on this server: execution_logs keeps pglz';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE execution_logs ALTER COLUMN response_body SET COMPRESSION default');
  }
}
