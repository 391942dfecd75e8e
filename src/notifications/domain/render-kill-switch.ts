type Facts = Record<string, unknown>;

const CAUSES: Record<string, string> = {
  operator: 'Kill switch',
  guard: 'Guard',
  flat_by: 'Flat-by time',
  halt: 'Halt',
};

/** "MNQZ5 +2, ESZ5 -1" from the flatten's `closed` list. */
function positions(closed: unknown): string {
  if (!Array.isArray(closed)) return '';
  return closed
    .map((p: { symbol?: unknown; quantity?: unknown }) => {
      const q = Number(p.quantity);
      return `${String(p.symbol)} ${q > 0 ? '+' : ''}${q}`;
    })
    .join(', ');
}

/**
 * `account.flattened` (issue 16): what closed the account, who asked and why, what was closed and
 * cancelled; a failed flatten says so first, as the account may still hold positions.
 */
export function renderFlatten(f: Facts, who: string): { title: string; lines: string[] } {
  const failed = f.outcome === 'FAILED';
  const cause = CAUSES[String(f.cause)] ?? 'Flatten';
  const closed = positions(f.closed);
  const cancelled = Number(f.cancelled_orders ?? 0);
  const orders = cancelled > 0 ? `${cancelled} working order${cancelled === 1 ? '' : 's'} cancelled` : '';
  const did = [closed ? `Closed ${closed}` : '', orders].filter((x) => x).join('; ');
  return {
    title: failed ? `Flatten FAILED: ${who}` : `Account flattened: ${who}`,
    lines: [
      `${cause} (${String(f.by ?? '?')}): ${String(f.reason ?? 'no reason given')}`,
      ...(did ? [did] : []),
      ...(failed
        ? [
            `Error: ${String(f.error ?? 'unknown')}`,
            'The account may still hold positions: check the platform.',
          ]
        : []),
    ],
  };
}

/** Whom a halt reaches: one account (named), one firm, or every firm. */
function haltReach(f: Facts, who: string): string {
  if (f.account_id !== null && f.account_id !== undefined) return `for account ${who}`;
  return f.firm_code ? `for ${String(f.firm_code)}` : '(all firms)';
}

/** `halt.set` / `halt.cleared`: whom it reaches, why, by whom, and until when when it ends by itself. */
export function renderHalt(f: Facts, who: string, set: boolean): { title: string; lines: string[] } {
  const by = String(f.by ?? '?');
  const until = set && f.expires_at ? [`Until ${String(f.expires_at)} (it ends by itself).`] : [];
  if (!set && f.expired === true)
    return {
      title: `Halt ended ${haltReach(f, who)}`,
      lines: [
        `Was: ${String(f.reason ?? '?')} (set by ${by})`,
        `It ended by itself at ${String(f.expires_at ?? '?')}. New entries are accepted again.`,
      ],
    };
  return {
    title: `${set ? 'Trading halted' : 'Halt cleared'} ${haltReach(f, who)}`,
    lines: set
      ? [
          `Reason: ${String(f.reason ?? '?')}`,
          ...until,
          `By ${by}. Exits still go through; new entries are refused.`,
        ]
      : [`Was: ${String(f.reason ?? '?')}`, `By ${by}. New entries are accepted again.`],
  };
}
