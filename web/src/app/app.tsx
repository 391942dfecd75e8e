import { useEffect, useState, useSyncExternalStore } from 'react';
import { api, must, session } from '../api/client';
import { live, startLive, type LiveState } from '../api/events';
import { useApi } from '../api/use-api';
import { operatorZone } from '../format/time';
import { AccountsPage } from '../pages/accounts-page';
import { ConnectionsPage } from '../pages/connections-page';
import { KillSwitchPage } from '../pages/kill-switch-page';
import { LoginPage } from '../pages/login-page';
import { NotificationsPage } from '../pages/notifications-page';
import { OrdersPage } from '../pages/orders-page';
import { RegistryPage } from '../pages/registry-page';
import { SignalDetailPage } from '../pages/signal-detail-page';
import { SignalsPage } from '../pages/signals-page';
import { SimulatorPage } from '../pages/simulator-page';
import { SystemPage } from '../pages/system-page';
import { ConfirmProvider } from '../ui/confirm';
import { Link } from '../ui/link';
import { ModeBanner } from './mode-banner';
import { MeContext } from './me';
import { PAGES, useLocation } from './router';

export function App() {
  const token = useSyncExternalStore(session.subscribe, session.token);
  if (!token) return <LoginPage />;
  return <SignedIn key={token} />;
}

function SignedIn() {
  const me = useApi(() => must(api.GET('/api/auth/me')), 'me');
  useEffect(() => startLive(), []);
  if (!me.data)
    return (
      <main className="login">
        <p role={me.error ? 'alert' : undefined}>{me.error ?? 'Loading…'}</p>
        {me.error && <button onClick={() => session.set(null)}>Log in again</button>}
      </main>
    );
  return (
    <MeContext.Provider value={me.data}>
      <ConfirmProvider>
        <Shell username={me.data.username} role={me.data.role} />
      </ConfirmProvider>
    </MeContext.Provider>
  );
}

function Shell({ username, role }: { username: string; role: string }) {
  const { path } = useLocation();
  const current = PAGES.find((p) => path === p.path || path.startsWith(`${p.path}/`))?.path ?? '/accounts';
  return (
    <>
      <ModeBanner />
      <header className="top">
        <a className="skip" href="#main">
          Skip to content
        </a>
        <strong className="brand">PropRouter</strong>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.path}>
                <Link href={p.path} aria-current={current === p.path ? 'page' : undefined}>
                  {p.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <LiveDot />
          <span title={`times in ${operatorZone}`}>{operatorZone}</span>
          <span>
            {username} <span className="badge">{role}</span>
          </span>
          <button type="button" onClick={() => session.set(null)}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page path={path} />
      </main>
    </>
  );
}

/** The id of `/{page}/{id}` (a notification's link to one account or connection), else null. */
function idIn(path: string, page: string): number | null {
  const m = new RegExp(`^/${page}/(\\d+)$`).exec(path);
  return m ? Number(m[1]) : null;
}

function Page({ path }: { path: string }) {
  const signal = /^\/signals\/(\d+)$/.exec(path);
  if (signal) return <SignalDetailPage id={Number(signal[1])} />;
  if (path.startsWith('/signals')) return <SignalsPage />;
  if (path.startsWith('/orders')) return <OrdersPage />;
  if (path.startsWith('/kill-switch')) return <KillSwitchPage />;
  if (path.startsWith('/connections')) return <ConnectionsPage focus={idIn(path, 'connections')} />;
  if (path.startsWith('/registry')) return <RegistryPage />;
  const run = /^\/simulator(?:\/(\d+))?$/.exec(path);
  if (run) return <SimulatorPage id={run[1] ? Number(run[1]) : null} />;
  if (path.startsWith('/notifications')) return <NotificationsPage />;
  if (path.startsWith('/system')) return <SystemPage />;
  return <AccountsPage focus={idIn(path, 'accounts')} />;
}

function LiveDot() {
  const [state, setState] = useState<LiveState>(live.state());
  useEffect(() => live.onState(setState), []);
  const text = { live: 'Live', connecting: 'Connecting…', down: 'Reconnecting…' }[state];
  return (
    <span className={`feed-state ${state}`} role="status" aria-live="polite">
      {text}
    </span>
  );
}
