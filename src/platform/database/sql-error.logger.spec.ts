import { Logger } from '@nestjs/common';
import { SqlErrorLogger } from './sql-error.logger';

describe('SqlErrorLogger', () => {
  let lines: string[];

  beforeEach(() => {
    lines = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((m: unknown) => void lines.push(String(m)));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((m: unknown) => void lines.push(String(m)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs the statement and what Postgres names, never the parameters or the failing row', () => {
    const hash = '$2b$10$6ZdyuwVRZZXisQ/Jmif8auuVFofgp0Aa0JLmQ93O01TaglWDHahZK';
    const error = Object.assign(new Error('new row for relation "users" violates check constraint "c1"'), {
      name: 'QueryFailedError',
      parameters: ['alice', hash],
      driverError: {
        code: '23514',
        table: 'users',
        constraint: 'c1',
        detail: `Failing row contains (alice, ${hash}).`,
      },
    });
    new SqlErrorLogger().logQueryError(
      error,
      'INSERT INTO "users"("username", "password_hash")\n  VALUES ($1, $2)',
    );
    expect(lines).toEqual([
      'query failed: 23514 new row for relation "users" violates check constraint "c1" (table users, constraint c1)' +
        ' -- INSERT INTO "users"("username", "password_hash") VALUES ($1, $2)',
    ]);
  });

  it('logs a slow statement without its parameters', () => {
    new SqlErrorLogger().logQuerySlow(1200, 'SELECT 1 WHERE $1');
    expect(lines).toEqual(['slow query (1200 ms): SELECT 1 WHERE $1']);
  });
});
