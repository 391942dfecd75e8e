import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const CATALOG = join(__dirname, '..', '..', 'catalog', 'prop-firms.json');

/** A program (or firm) trading accounts trade cannot be deleted from under them: 409 saying what to do. */
describe('registry deletes refused while trading accounts use the program (e2e)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ label: 'program_in_use' });
    admin = await t.login();
  });
  afterAll(() => t.close());

  const call = (method: string, path: string, body?: unknown) =>
    t.request(method, path, { token: admin, body });

  it('refuses the program and its firm while an account uses it; allows both once it is gone', async () => {
    const program = (await call('GET', '/api/prop-registry/programs/4')).body;
    const connection = await call('POST', '/api/accounts/connections', {
      name: 'in-use-login',
      platform: 'rest',
      environment: 'demo',
      base_url: 'http://127.0.0.1:9',
      credentials: { api_key: 'key-in-use-1' },
    });
    expect(connection.status).toBe(201);
    const account = await call('POST', '/api/accounts', {
      label: 'in-use-1',
      firm_code: 'APEX',
      program_id: 4,
      connection_id: connection.body.id,
      platform_account: 'A-1',
    });
    expect(account.status).toBe(201);

    const program409 = await call('DELETE', '/api/prop-registry/programs/4');
    expect(program409.status).toBe(409);
    expect(program409.body.message).toBe(
      'Program 4 is the program of trading accounts: move those accounts to another program (or delete them) first',
    );
    const firm409 = await call('DELETE', `/api/prop-registry/firms/${program.firm_id}`);
    expect(firm409.status).toBe(409);
    expect(firm409.body.message).toMatch(/^Firm \d+ has programs that trading accounts use/);
    expect((await call('GET', '/api/prop-registry/programs/4')).status).toBe(200);

    expect((await call('DELETE', `/api/accounts/${account.body.id}`)).status).toBe(200);
    expect((await call('DELETE', '/api/prop-registry/programs/4')).status).toBe(200);
  });

  it("retires the 33 generic seed programs beside the catalogue's real ones, keeping one an account uses", async () => {
    const connection = await call('POST', '/api/accounts/connections', {
      name: 'retire-login',
      platform: 'rest',
      environment: 'demo',
      base_url: 'http://127.0.0.1:9',
      credentials: { api_key: 'key-retire-1' },
    });
    const account = await call('POST', '/api/accounts', {
      label: 'on-generic-1',
      firm_code: 'FTMO',
      program_id: 1,
      connection_id: connection.body.id,
      platform_account: 'G-1',
    });
    expect(account.status).toBe(201);
    const generic = async () =>
      ((await call('GET', '/api/prop-registry/programs')).body.programs as { id: number; name: string }[])
        .filter((p) => / \d+k Evaluation$/.test(p.name))
        .map((p) => p.id);
    const before = await generic();
    expect(before).toHaveLength(32); // 33 seeded, program 4 deleted by the test above
    const doc = JSON.parse(readFileSync(CATALOG, 'utf8'));

    const dry = await call('POST', '/api/prop-registry/import?dry_run=true&retire_generic=true', doc);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dry_run: true, rejected: 0, retired: 31 });
    expect(await generic()).toEqual(before);

    const r = await call('POST', '/api/prop-registry/import?retire_generic=true', doc);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dry_run: false, rejected: 0, retired: 31 });
    const kept = r.body.rows.filter((x: { action: string }) => x.action === 'kept');
    expect(kept).toEqual([
      {
        source: 'retire-generic',
        entity: 'program',
        key: 'FTMO / FTMO 50k Evaluation / 50000',
        action: 'kept',
        id: 1,
        problems: ['trading accounts use this program: move them to a real program, then retire it'],
      },
    ]);
    expect(await generic()).toEqual([1]);
    const audit = await call('GET', `/api/prop-registry/audit?entity=program&entity_id=${before[1]}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'delete', after: null });
    // without the option, an import leaves generic programs alone
    const again = await call('POST', '/api/prop-registry/import', doc);
    expect(again.body).toMatchObject({ retired: 0 });
    expect(await generic()).toEqual([1]);
  });
});
