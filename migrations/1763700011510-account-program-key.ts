import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A trading account's program is a real reference: a program (or its firm) that accounts trade cannot be
 * deleted (409 naming them) and leave accounts sized and checked against nothing. NOT VALID: rows written
 * before this are not re-checked (an account whose program was deleted earlier keeps its id, and the
 * account's next edit must name a program that exists).
 */
export class AccountProgramKey1763700011510 implements MigrationInterface {
  name = 'AccountProgramKey1763700011510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE trading_accounts ADD CONSTRAINT trading_accounts_program_fk
        FOREIGN KEY (program_id) REFERENCES prop_programs (id) ON DELETE RESTRICT NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE trading_accounts DROP CONSTRAINT trading_accounts_program_fk');
  }
}
