import type { ConnectorOutcome } from '../../shared-kernel/seed-results';
import type { AccountRisk, AccountSizing } from './routing-plan';
import {
  assembleResult,
  outcomeOf,
  SKIP_DRY_RUN,
  SKIP_NO_ROUTED_ENTRY,
  withConnectorResult,
} from './task-result';

const ref = (id: number) => ({ account_id: id, account_label: `acct-${id}` });
const c = (
  id: number,
  status: ConnectorOutcome['status'],
  error: string | null = null,
): ConnectorOutcome => ({
  firm_code: 'APEX',
  ...ref(id),
  status,
  external_order_id: status === 'SUCCESS' ? `x${id}` : null,
  raw_response: null,
  error_message: error,
});
const entry = (targets: number, connectors: ConnectorOutcome[], dryRun = false) =>
  outcomeOf({ eventType: 'entry', targets, dryRun, connectors });

describe('outcomeOf: what a task came to over its accounts', () => {
  it('NOTHING_TO_DO when no account was targeted', () => expect(entry(0, [])).toBe('NOTHING_TO_DO'));

  it('ROUTED when every order meant to go succeeded, rejected accounts aside', () => {
    expect(entry(3, [c(1, 'SUCCESS'), c(2, 'SUCCESS')])).toBe('ROUTED');
  });

  it('PARTIAL when some succeeded and some failed or await a re-drive', () => {
    expect(entry(3, [c(1, 'SUCCESS'), c(2, 'FAILED')])).toBe('PARTIAL');
    expect(entry(2, [c(1, 'SUCCESS'), c(2, 'RETRY')])).toBe('PARTIAL');
  });

  it('FAILED_TO_SEND when orders were meant to go and none arrived', () => {
    expect(entry(2, [c(1, 'FAILED'), c(2, 'RETRY')])).toBe('FAILED_TO_SEND');
  });

  it('REJECTED when every account was refused by risk or sizing', () =>
    expect(entry(4, [])).toBe('REJECTED'));

  it('DRY_RUN when accounts passed and EXECUTION_DRY_RUN held their orders', () => {
    expect(entry(2, [c(1, 'SKIPPED', SKIP_DRY_RUN)], true)).toBe('DRY_RUN');
    expect(entry(2, [], true)).toBe('REJECTED');
  });

  it('an exit with nothing open in any target account is NOTHING_TO_DO', () => {
    const skipped = [c(1, 'SKIPPED', SKIP_NO_ROUTED_ENTRY)];
    expect(outcomeOf({ eventType: 'exit', targets: 1, dryRun: false, connectors: skipped })).toBe(
      'NOTHING_TO_DO',
    );
  });
});

describe('withConnectorResult: a re-driven order updates its task result', () => {
  it('replaces that account’s connector result and recomputes routed, outcome and counts', () => {
    const before = assembleResult({
      eventType: 'entry',
      tradeId: 't',
      dryRun: false,
      targets: 2,
      risk: [],
      sizing: [],
      connectors: [c(1, 'SUCCESS'), c(2, 'RETRY', 'HTTP 503')],
    });
    expect(before).toMatchObject({ outcome: 'PARTIAL', account_counts: { success: 1, retry: 1 } });
    const after = withConnectorResult(before, c(2, 'SUCCESS'));
    expect(after).toMatchObject({
      routed: true,
      outcome: 'ROUTED',
      account_counts: { success: 2, retry: 0 },
    });
    expect(after.connector_results.map((x) => [x.account_id, x.status])).toEqual([
      [1, 'SUCCESS'],
      [2, 'SUCCESS'],
    ]);
  });
});

describe('account_counts.rejected: accounts refused, each once', () => {
  const sized = (id: number, status: 'APPROVED' | 'REJECTED', program: number) =>
    ({ ...ref(id), firm_code: 'APEX', program_id: program, status }) as unknown as AccountSizing;
  const risk = (id: number, status: 'APPROVED' | 'REJECTED') =>
    ({ ...ref(id), firm_code: 'APEX', status }) as unknown as AccountRisk;
  const counts = (r: AccountRisk[], s: AccountSizing[]) =>
    assembleResult({
      eventType: 'entry',
      tradeId: 't',
      dryRun: true,
      targets: 3,
      risk: r,
      sizing: s,
      connectors: [],
    }).account_counts;

  it('an account sized by one program and mismatched by others (an env: account) is not rejected', () => {
    const s = [sized(1, 'REJECTED', 7), sized(1, 'APPROVED', 3), sized(2, 'APPROVED', 3)];
    expect(counts([risk(1, 'APPROVED'), risk(2, 'APPROVED')], s)).toMatchObject({ rejected: 0 });
  });

  it('counts an account whose every sizing entry refused, or whose risk refused, once', () => {
    const s = [sized(1, 'REJECTED', 7), sized(1, 'REJECTED', 8), sized(2, 'APPROVED', 3)];
    const r = [risk(1, 'REJECTED'), risk(2, 'REJECTED'), risk(3, 'APPROVED')];
    expect(counts(r, s)).toMatchObject({ rejected: 2 });
    expect(counts([risk(3, 'APPROVED')], s)).toMatchObject({ rejected: 1 });
  });
});
