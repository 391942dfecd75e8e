import { startupSummary } from './startup-summary';

describe('startupSummary', () => {
  const url = 'http://127.0.0.1:3000';
  it('names the address, the docs, the mode and the enabled accounts per firm', () => {
    const line = startupSummary({
      url,
      dashboard: true,
      dryRun: true,
      routerEnabled: true,
      accounts: [
        { label: 'apex-1', firmCode: 'APEX' },
        { label: 'topstep-1', firmCode: 'TOPSTEP' },
        { label: 'apex-2', firmCode: 'APEX' },
      ],
    });
    expect(line).toBe(
      'PropRouter ready at http://127.0.0.1:3000 — dashboard http://127.0.0.1:3000/ — API docs http://127.0.0.1:3000/docs — webhook POST ' +
        'http://127.0.0.1:3000/api/webhooks/tradingview — DRY RUN (nothing is sent; EXECUTION_DRY_RUN=false to trade) — ' +
        '3 accounts enabled (APEX 2, TOPSTEP 1)',
    );
  });

  it('says LIVE, that no account is enabled yet, and that the router is off', () => {
    const line = startupSummary({ url, dashboard: false, dryRun: false, routerEnabled: false, accounts: [] });
    expect(line).toContain('LIVE (orders are sent to the platforms)');
    expect(line).toContain('no dashboard (this build has none: npm run build builds it)');
    expect(line).toContain('no account enabled yet');
    expect(line).toContain('router off');
  });
});
