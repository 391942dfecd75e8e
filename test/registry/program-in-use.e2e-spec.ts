import { startTestApp, TestApp } from '../support/test-app';

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
});
