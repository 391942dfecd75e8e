import { execFileSync } from 'node:child_process';
import type { FakeAccount, FakePlatform } from '../../../src/connectors/fakes/fake-platform';
import { waitFor } from '../../routing/support/wait';
import { PLATFORM_SECRETS, Platforms, startPlatforms } from '../../support/platforms';
import { ServiceProcess, startTestService } from '../../support/service-process';
import { ADMIN } from '../../support/service-http';
import { createTestDatabase, TestDatabase, withClient } from '../../support/test-database';

/**
 * The "Done means" set-up, configured through the API of the built service (admin) on Postgres,
 * against the three loopback fakes: one Tradovate login holding 5 Apex accounts, one ProjectX login holding
 * 2 Topstep accounts, one REST account (FTMO). Every API answer and every line the service writes is kept,
 * so a test can grep them for credentials.
 */

export const WEBHOOK_SECRET = 'fan-out-webhook-secret-31c7';

type Platform = 'tradovate' | 'projectx' | 'rest';

/** One trading account of the set-up, as POSTed to /api/accounts (`program` names a program, below). */
export interface AccountSpec {
  label: string;
  firm_code: 'APEX' | 'TOPSTEP' | 'FTMO';
  platform: Platform;
  /** The platform's account id at its fake. */
  platform_account: string;
  platform_account_spec?: string;
  program: ProgramKey;
  tags: string[];
  sizing_mode?: 'risk' | 'fixed' | 'multiplier';
  fixed_quantity?: number;
  quantity_multiplier?: string;
  symbol_map?: Record<string, string>;
}

/**
 * Programs: the registry seed's (APEX 50k/100k/200k = 4/5/6, TOPSTEP 50k/100k/200k = 7/8/9, FTMO 100k = 2)
 * and two Apex programs created through the registry API, so the five Apex accounts each have their own.
 */
export type ProgramKey =
  'apex50' | 'apex100' | 'apex200' | 'apex25' | 'apex150' | 'top50' | 'top200' | 'ftmo100';
const SEED_PROGRAMS: Partial<Record<ProgramKey, number>> = {
  apex50: 4,
  apex100: 5,
  apex200: 6,
  top50: 7,
  top200: 9,
  ftmo100: 2,
};
/** Created in set-up: account size and registry meta (the 25k program carries max_contracts 3). */
const NEW_PROGRAMS: Partial<Record<ProgramKey, { name: string; account_size: number; meta: object }>> = {
  apex25: { name: 'PR Apex 25k Evaluation', account_size: 25_000, meta: { max_contracts: 3 } },
  apex150: { name: 'PR Apex 150k Evaluation', account_size: 150_000, meta: {} },
};

export const ACCOUNTS: AccountSpec[] = [
  // Tradovate: the spec is given for all but apex-1, whose spec the connector reads from /account/list
  {
    label: 'apex-1',
    firm_code: 'APEX',
    platform: 'tradovate',
    platform_account: '7001',
    program: 'apex50',
    tags: ['apex', 'nq'],
  },
  {
    label: 'apex-2',
    firm_code: 'APEX',
    platform: 'tradovate',
    platform_account: '7002',
    platform_account_spec: 'APEX-7002',
    program: 'apex100',
    tags: ['apex'],
  },
  {
    label: 'apex-micro',
    firm_code: 'APEX',
    platform: 'tradovate',
    platform_account: '7003',
    platform_account_spec: 'APEX-7003',
    program: 'apex200',
    tags: ['apex', 'nq', 'micro'],
    symbol_map: { NQ: 'MNQ' },
  },
  {
    label: 'apex-fixed',
    firm_code: 'APEX',
    platform: 'tradovate',
    platform_account: '7004',
    platform_account_spec: 'APEX-7004',
    program: 'apex150',
    tags: ['apex'],
    sizing_mode: 'fixed',
    fixed_quantity: 2,
  },
  {
    label: 'apex-half',
    firm_code: 'APEX',
    platform: 'tradovate',
    platform_account: '7005',
    platform_account_spec: 'APEX-7005',
    program: 'apex25',
    tags: ['apex'],
    sizing_mode: 'multiplier',
    quantity_multiplier: '0.5',
  },
  {
    label: 'top-1',
    firm_code: 'TOPSTEP',
    platform: 'projectx',
    platform_account: '8801',
    program: 'top50',
    tags: ['topstep', 'nq'],
  },
  {
    label: 'top-2',
    firm_code: 'TOPSTEP',
    platform: 'projectx',
    platform_account: '8802',
    program: 'top200',
    tags: ['topstep'],
  },
  {
    label: 'ftmo-1',
    firm_code: 'FTMO',
    platform: 'rest',
    platform_account: 'FTMO-9001',
    program: 'ftmo100',
    tags: ['ftmo'],
  },
];

/** What each fake login holds: the accounts above, plus spares the tests add through the API later. */
export const FAKE_ACCOUNTS: Record<Platform, FakeAccount[]> = {
  tradovate: [7001, 7002, 7003, 7004, 7005, 7006].map((id) => ({ id, name: `APEX-${id}` })),
  projectx: [8801, 8802].map((id) => ({ id, name: `TOPSTEP-${id}` })),
  rest: [{ id: 'FTMO-9001', name: 'FTMO one' }],
};

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are asserted field by field
  body: any;
  text: string;
}

export interface FanOut {
  platforms: Platforms;
  svc: ServiceProcess;
  db: TestDatabase;
  /** Everything the service wrote (LOG_LEVEL=debug, LOG_REQUESTS=true). */
  logs: { text: string };
  /** The text of every API answer received (webhooks included). */
  answers: string[];
  admin: string;
  /** Account ids by label (the set-up's and any the tests add through `createAccount`). */
  ids: Record<string, number>;
  /** Program ids by key, and their account sizes as the registry API answered. */
  programs: Record<ProgramKey, { id: number; accountSize: number; maxContracts: number | null }>;
  connections: Record<Platform, number>;
  api(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiAnswer>;
  /** POSTs an alert (the webhook secret added); the answer. */
  alert(body: Record<string, unknown>): Promise<ApiAnswer>;
  /** POSTs an alert that must be queued (202) and waits until its task is done; the task. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  routed(body: Record<string, unknown>): Promise<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  task(id: number): Promise<any>;
  fake(platform: Platform): FakePlatform;
  createAccount(spec: AccountSpec): Promise<number>;
  close(): Promise<void>;
}

/** Starts the fakes, a database and the built service, and configures everything through the API. */
export async function startFanOut(
  label: string,
  env: Record<string, string> = {},
  /** Fakes another set-up started (they stay open when this one closes); new ones when absent. */
  shared?: Platforms,
): Promise<FanOut> {
  const platforms = shared ?? (await startPlatforms({ accounts: FAKE_ACCOUNTS }));
  const db = await createTestDatabase(label);
  const logs = { text: '' };
  let svc: ServiceProcess | undefined;
  try {
    svc = await start(platforms, db, logs, label, env);
    return await configure(platforms, db, logs, svc, !shared);
  } catch (e) {
    await svc?.stop('SIGKILL');
    if (!shared) await platforms.close();
    await db.drop();
    throw e;
  }
}

function start(
  platforms: Platforms,
  db: TestDatabase,
  logs: { text: string },
  label: string,
  env: Record<string, string>,
): Promise<ServiceProcess> {
  return startTestService({
    label: `${label} `,
    sink: logs,
    env: {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'debug',
      LOG_REQUESTS: 'true',
      WEBHOOK_SECRET,
      ROUTER_ENABLED: 'true',
      EXECUTION_DRY_RUN: 'false',
      // the fakes publish no rate limit (see platforms.ts); no {FIRM}_* variable: accounts come from the API
      CONNECTOR_RATE_LIMITS: platforms.env.CONNECTOR_RATE_LIMITS,
      // these tests set account states by hand (PUT /api/accounts/{id}/state): no platform sync over them
      // (test/sync covers the sync; the fakes' accounts hold 50,000 whatever the program's size)
      SYNC_ENABLED: 'false',
      ...env,
    },
  });
}

async function configure(
  platforms: Platforms,
  db: TestDatabase,
  logs: { text: string },
  svc: ServiceProcess,
  ownsPlatforms: boolean,
): Promise<FanOut> {
  const answers: string[] = [];
  const api = async (
    method: string,
    path: string,
    body?: unknown,
    token: string | null = admin,
  ): Promise<ApiAnswer> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const r = await fetch(svc.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    answers.push(text);
    let parsed: ApiAnswer['body'] = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: r.status, body: parsed, text };
  };
  let admin = '';
  const login = await api('POST', '/api/auth/login', ADMIN, null);
  admin = login.body.access_token;

  const must = async (
    method: string,
    path: string,
    body: unknown,
    status = 201,
  ): Promise<ApiAnswer['body']> => {
    const r = await api(method, path, body);
    if (r.status !== status) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
    return r.body;
  };
  const programs = await configurePrograms(must);
  const connections = {} as Record<Platform, number>;
  for (const p of ['tradovate', 'projectx', 'rest'] as const) {
    connections[p] = (await must('POST', '/api/accounts/connections', platforms.connections[p])).id;
  }
  const ids: Record<string, number> = {};
  const createAccount = async (spec: AccountSpec) => {
    const { platform, program, ...rest } = spec;
    const created = await must('POST', '/api/accounts', {
      ...rest,
      program_id: programs[program].id,
      connection_id: connections[platform],
    });
    ids[spec.label] = created.id;
    return created.id as number;
  };
  for (const spec of ACCOUNTS) await createAccount(spec);

  const alert = (body: Record<string, unknown>) =>
    api('POST', '/api/webhooks/tradingview', { secret: WEBHOOK_SECRET, ...body }, null);
  const task = (id: number) =>
    waitFor(
      `task ${id} to be done`,
      async () => {
        const r = await api('GET', `/api/execution/tasks/${id}`);
        return ['COMPLETED', 'FAILED'].includes(r.body?.status) ? r.body : null;
      },
      30_000,
    );
  const routed = async (body: Record<string, unknown>) => {
    const r = await alert(body);
    if (r.status !== 202) throw new Error(`alert ${JSON.stringify(body)}: ${r.status} ${r.text}`);
    return task(r.body.task_id);
  };
  return {
    platforms,
    svc,
    db,
    logs,
    answers,
    admin,
    ids,
    programs,
    connections,
    api,
    alert,
    routed,
    task,
    fake: (p) => platforms.fakes.find((fake) => fake.name === p)!,
    createAccount,
    close: async () => {
      await svc.stop('SIGKILL'); // every check is done: no need to wait for a graceful stop
      if (ownsPlatforms) await platforms.close();
      await db.drop();
    },
  };
}

async function configurePrograms(
  must: (method: string, path: string, body: unknown, status?: number) => Promise<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
): Promise<FanOut['programs']> {
  const out = {} as FanOut['programs'];
  const apex = (await must('GET', '/api/prop-registry/firms', undefined, 200)).firms.find(
    (f: { code: string }) => f.code === 'APEX',
  );
  for (const [key, fields] of Object.entries(NEW_PROGRAMS)) {
    const p = await must('POST', '/api/prop-registry/programs', {
      firm_id: apex.id,
      currency: 'USD',
      ...fields,
    });
    out[key as ProgramKey] = { id: p.id, accountSize: 0, maxContracts: null };
  }
  for (const [key, id] of Object.entries(SEED_PROGRAMS))
    out[key as ProgramKey] = { id, accountSize: 0, maxContracts: null };
  // the sizes and limits as the registry holds them: the expected quantities are computed from these
  for (const entry of Object.values(out)) {
    const p = await must('GET', `/api/prop-registry/programs/${entry.id}`, undefined, 200);
    entry.accountSize = Number(p.account_size);
    entry.maxContracts = p.meta?.max_contracts ?? null;
  }
  return out;
}

/** A symbol at a fake (`NQZ5`, `MNQZ5`, `ESZ5`; the REST fake keeps the alert's `NQ1!`) → its root. */
export function rootOf(contract: string): string {
  return contract
    .toUpperCase()
    .replace(/\d!$/, '')
    .replace(/[FGHJKMNQUVXZ]\d{1,2}$/, '');
}

/** The net position of one account at a fake, summed over the contracts of one root. */
export function netPosition(fake: FakePlatform, account: string, root: string): number {
  const book = fake.accountPositions()[account] ?? {};
  return Object.entries(book)
    .filter(([contract]) => rootOf(contract) === root)
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Every string in `texts` that contains a configured credential, with the credential's name. */
export function leaks(texts: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts))
    for (const [name, value] of Object.entries(PLATFORM_SECRETS))
      if (text.includes(value)) found.push(`${name} in ${where}`);
  return found;
}

/** The whole database as text: `pg_dump` when it is on PATH, else every row of every table cast to text. */
export async function databaseDump(url: string): Promise<string> {
  try {
    return execFileSync('pg_dump', ['--no-owner', url], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  } catch {
    return withClient(url, async (c) => {
      const tables = await c.query(
        `SELECT table_schema, table_name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      const parts: string[] = [];
      for (const t of tables.rows) {
        const rows = await c.query(`SELECT r::text AS row FROM "${t.table_schema}"."${t.table_name}" r`);
        parts.push(...rows.rows.map((r: { row: string }) => `${t.table_name}: ${r.row}`));
      }
      return parts.join('\n');
    });
  }
}
