import { AuditFlatten, AuditHalt, killSwitchAudit } from './kill-switch-audit';

const at = (m: number) => new Date(Date.UTC(2026, 11, 2, 12, m));

const halt = (over: Partial<AuditHalt>): AuditHalt => ({
  id: 1,
  firmCode: null,
  accountId: null,
  scope: 'global',
  reason: 'news',
  createdBy: 'admin',
  createdAt: at(0),
  expiresAt: null,
  clearedBy: null,
  clearedAt: null,
  ...over,
});

const flatten = (over: Partial<AuditFlatten>): AuditFlatten => ({
  id: 7,
  accountId: 3,
  cause: 'operator',
  reason: 'close all',
  requestedBy: 'ops',
  outcome: 'FLAT',
  error: null,
  at: at(5),
  ...over,
});

describe('killSwitchAudit', () => {
  it('a halt set and cleared is two lines, a flatten one, newest first', () => {
    const lines = killSwitchAudit([halt({ clearedAt: at(10), clearedBy: 'boss' })], [flatten({})], 10);
    expect(lines.map((l) => [l.action, l.by, l.at.getUTCMinutes()])).toEqual([
      ['halt_cleared', 'boss', 10],
      ['flatten', 'ops', 5],
      ['halt_set', 'admin', 0],
    ]);
    expect(lines[0]).toMatchObject({ haltId: 1, reason: 'news', scope: 'global', flattenId: null });
    expect(lines[1]).toMatchObject({
      flattenId: 7,
      accountId: 3,
      cause: 'operator',
      outcome: 'FLAT',
      haltId: null,
    });
  });

  it('keeps the newest `limit` lines', () => {
    const halts = [halt({ id: 2, createdAt: at(20) }), halt({ id: 1, createdAt: at(1) })];
    expect(killSwitchAudit(halts, [flatten({ at: at(9) })], 2).map((l) => l.at.getUTCMinutes())).toEqual([
      20, 9,
    ]);
  });
});
