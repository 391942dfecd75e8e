/** A halt as the card reads it. */
export interface CardHalt {
  id: number;
  scope: 'global' | 'firm' | 'account';
  firmCode: string | null;
  accountId: number | null;
}

/** The active halts that stop an account's new entries: every global one, its firm's, its own. */
export function haltsReaching<H extends CardHalt>(
  halts: H[],
  account: { id: number; firmCode: string },
): H[] {
  return halts.filter(
    (h) =>
      h.scope === 'global' ||
      (h.scope === 'firm' && h.firmCode === account.firmCode) ||
      (h.scope === 'account' && h.accountId === account.id),
  );
}
