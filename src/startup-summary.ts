/** What the one start-up line says: where to go, dry run or live, and what is enabled. */
export interface StartupFacts {
  url: string;
  /** True when the dashboard is built and served at `/`. */
  dashboard: boolean;
  dryRun: boolean;
  routerEnabled: boolean;
  /** The enabled trading accounts: label and firm. */
  accounts: readonly { label: string; firmCode: string }[];
}

export function startupSummary(f: StartupFacts): string {
  const mode = f.dryRun
    ? 'DRY RUN (nothing is sent; EXECUTION_DRY_RUN=false to trade)'
    : 'LIVE (orders are sent to the platforms)';
  const byFirm = new Map<string, number>();
  for (const a of f.accounts) byFirm.set(a.firmCode, (byFirm.get(a.firmCode) ?? 0) + 1);
  const firms = [...byFirm].sort(([a], [b]) => a.localeCompare(b)).map(([firm, n]) => `${firm} ${n}`);
  const accounts = f.accounts.length
    ? `${f.accounts.length} account${f.accounts.length === 1 ? '' : 's'} enabled (${firms.join(', ')})`
    : 'no account enabled yet (POST /api/accounts, or {FIRM}_ENABLED=true)';
  const router = f.routerEnabled ? '' : ' — router off (ROUTER_ENABLED=false: signals are only queued)';
  const dashboard = f.dashboard
    ? `dashboard ${f.url}/`
    : 'no dashboard (this build has none: npm run build builds it)';
  return `PropRouter ready at ${f.url} — ${dashboard} — API docs ${f.url}/docs — webhook POST ${f.url}/api/webhooks/tradingview — ${mode} — ${accounts}${router}`;
}
