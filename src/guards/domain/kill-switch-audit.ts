/** A halt as the audit reads it (the risk context's view). */
export interface AuditHalt {
  id: number;
  firmCode: string | null;
  accountId: number | null;
  scope: 'global' | 'firm' | 'account';
  reason: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  clearedBy: string | null;
  clearedAt: Date | null;
}

/** A flatten as the audit reads it (routing's record). */
export interface AuditFlatten {
  id: number;
  accountId: number;
  cause: string;
  reason: string;
  requestedBy: string;
  outcome: string;
  error: string | null;
  at: Date;
}

export type AuditAction = 'halt_set' | 'halt_cleared' | 'flatten';
export const AUDIT_ACTIONS: readonly AuditAction[] = ['halt_set', 'halt_cleared', 'flatten'];

export interface AuditEntry {
  action: AuditAction;
  at: Date;
  /** The user (or component: guard, flat-by, protection) who did it. */
  by: string;
  reason: string;
  scope: 'global' | 'firm' | 'account';
  firmCode: string | null;
  accountId: number | null;
  haltId: number | null;
  expiresAt: Date | null;
  flattenId: number | null;
  /** A flatten's cause (operator, guard, flat_by, halt) and outcome; null for a halt. */
  cause: string | null;
  outcome: string | null;
  error: string | null;
}

/** Halts set and cleared and flattens requested, one line each, newest first, at most `limit`. */
export function killSwitchAudit(halts: AuditHalt[], flattens: AuditFlatten[], limit: number): AuditEntry[] {
  const none = { flattenId: null, cause: null, outcome: null, error: null };
  const entries: AuditEntry[] = [];
  for (const h of halts) {
    const base = { reason: h.reason, scope: h.scope, firmCode: h.firmCode, accountId: h.accountId };
    const halt = { ...base, ...none, haltId: h.id, expiresAt: h.expiresAt };
    entries.push({ ...halt, action: 'halt_set', at: h.createdAt, by: h.createdBy });
    if (h.clearedAt)
      entries.push({ ...halt, action: 'halt_cleared', at: h.clearedAt, by: h.clearedBy ?? '' });
  }
  for (const f of flattens) {
    entries.push({
      action: 'flatten',
      at: f.at,
      by: f.requestedBy,
      reason: f.reason,
      scope: 'account',
      firmCode: null,
      accountId: f.accountId,
      haltId: null,
      expiresAt: null,
      flattenId: f.id,
      cause: f.cause,
      outcome: f.outcome,
      error: f.error,
    });
  }
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}
