import { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1763700000000 implements MigrationInterface {
  name = 'Auth1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id SERIAL PRIMARY KEY,
        username VARCHAR(100) NOT NULL UNIQUE,
        password_hash VARCHAR(100) NOT NULL,
        role VARCHAR(16) NOT NULL CHECK (role IN ('admin', 'viewer')),
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id SERIAL PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        prefix VARCHAR(16) NOT NULL,
        key_hash CHAR(64) NOT NULL UNIQUE,
        role VARCHAR(16) NOT NULL CHECK (role IN ('admin', 'viewer')),
        created_by VARCHAR(100) NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        last_used_at TIMESTAMPTZ,
        revoked_at TIMESTAMPTZ
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_keys');
    await q.query('DROP TABLE users');
  }
}
