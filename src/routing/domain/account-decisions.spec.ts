import type { TaskResult } from '../../shared-kernel/seed-results';
import { accountDecisions } from './account-decisions';

const ref = (id: number) => ({ account_id: id, account_label: `acc-${id}`, firm_code: 'APEX' });

function result(over: Partial<TaskResult>): TaskResult {
  return {
    routed: false,
    dry_run: false,
    event_type: 'entry',
    trade_id: 't',
    details: '',
    outcome: 'ROUTED',
    account_counts: {},
    risk_checks: [],
    program_sizing: [],
    connector_results: [],
    ...over,
  };
}

const sized = (
  id: number,
  status: 'APPROVED' | 'REJECTED',
  qty: number | null,
  rule: string | null = null,
) => ({
  ...ref(id),
  program_id: 4,
  status,
  rule,
  reason: rule ? `${rule} because` : null,
  computed_quantity: qty,
  details: {},
});
const risk = (
  id: number,
  status: 'APPROVED' | 'REJECTED',
  rule: string | null = null,
  approved?: number,
) => ({
  ...ref(id),
  status,
  rule,
  reason: rule ? `${rule} because` : null,
  details: {},
  ...(approved === undefined ? {} : { approved_quantity: approved }),
});
const sent = (
  id: number,
  status: 'SUCCESS' | 'FAILED' | 'RETRY' | 'SKIPPED',
  error: string | null = null,
) => ({
  ...ref(id),
  status,
  external_order_id: status === 'SUCCESS' ? `x${id}` : null,
  raw_response: null,
  error_message: error,
});

describe('accountDecisions', () => {
  it('an order sent: its answer, with the quantity the gate let through', () => {
    const r = result({
      program_sizing: [sized(1, 'APPROVED', 5)],
      risk_checks: [risk(1, 'APPROVED', 'MAX', 3)],
      connector_results: [sent(1, 'SUCCESS')],
    });
    expect(accountDecisions(r)).toEqual([
      {
        ...ref(1),
        decision: 'ORDER_SENT',
        stage: 'connector',
        quantity: 3,
        rule: null,
        reason: null,
        external_order_id: 'x1',
      },
    ]);
  });

  it('a failed order: the error code and the words', () => {
    const r = result({
      program_sizing: [sized(1, 'APPROVED', 2)],
      risk_checks: [risk(1, 'APPROVED')],
      connector_results: [sent(1, 'FAILED', 'CONNECTOR_NOT_CONFIGURED: APEX is missing APEX_API_KEY')],
    });
    expect(accountDecisions(r)[0]).toMatchObject({
      decision: 'ORDER_FAILED',
      quantity: 2,
      rule: 'CONNECTOR_NOT_CONFIGURED',
      reason: 'CONNECTOR_NOT_CONFIGURED: APEX is missing APEX_API_KEY',
    });
    const plain = result({ connector_results: [sent(1, 'RETRY', 'platform answered 503')] });
    expect(accountDecisions(plain)[0]).toMatchObject({
      decision: 'ORDER_RETRY',
      rule: null,
      reason: 'platform answered 503',
    });
  });

  it('refused by sizing before risk, by risk otherwise; one line per account', () => {
    const r = result({
      program_sizing: [sized(1, 'REJECTED', null, 'MIN_CONTRACTS'), sized(2, 'APPROVED', 4)],
      risk_checks: [risk(1, 'REJECTED', 'TRADING_HALTED'), risk(2, 'REJECTED', 'DAILY_LOSS')],
    });
    expect(accountDecisions(r)).toEqual([
      expect.objectContaining({
        account_id: 1,
        decision: 'REJECTED',
        stage: 'sizing',
        rule: 'MIN_CONTRACTS',
        quantity: null,
      }),
      expect.objectContaining({
        account_id: 2,
        decision: 'REJECTED',
        stage: 'risk',
        rule: 'DAILY_LOSS',
        quantity: 4,
      }),
    ]);
  });

  it('the first approved program of an env account sizes it; unsized, the alert quantity', () => {
    const two = result({
      program_sizing: [sized(1, 'REJECTED', null, 'X'), sized(1, 'APPROVED', 7)],
      risk_checks: [risk(1, 'APPROVED')],
    });
    expect(accountDecisions(two)[0]).toMatchObject({
      decision: 'APPROVED',
      stage: null,
      quantity: 7,
      rule: null,
    });
    const unsized = result({
      risk_checks: [risk(1, 'APPROVED')],
      connector_results: [sent(1, 'SKIPPED', 'GLOBAL_DRY_RUN_ENABLED')],
    });
    expect(accountDecisions(unsized, 2)[0]).toMatchObject({
      decision: 'SKIPPED',
      quantity: 2,
      rule: 'GLOBAL_DRY_RUN_ENABLED',
    });
  });
});
