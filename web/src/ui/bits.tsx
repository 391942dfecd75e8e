import type { ReactNode } from 'react';

const TONE: Record<string, string> = {
  ROUTED: 'ok',
  ORDER_SENT: 'ok',
  ORDER_RETRY: 'warn',
  ORDER_FAILED: 'bad',
  SUCCESS: 'ok',
  SENT: 'ok',
  APPROVED: 'ok',
  FLAT: 'ok',
  COMPLETED: 'ok',
  closed: 'ok',
  streaming: 'ok',
  PARTIAL: 'warn',
  RETRY: 'warn',
  PENDING: 'warn',
  PENDING_SEND: 'warn',
  PROCESSING: 'warn',
  half_open: 'warn',
  polling: 'warn',
  DRY_RUN: 'info',
  LIVE: 'bad',
  SKIPPED: 'info',
  NOTHING_TO_DO: 'info',
  REJECTED: 'bad',
  FAILED: 'bad',
  FAILED_TO_SEND: 'bad',
  open: 'bad',
  down: 'bad',
};

export function Badge({ value }: { value: string | null | undefined }) {
  const v = value ?? '—';
  return <span className={`badge ${TONE[v] ?? ''}`}>{v}</span>;
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="panel" aria-label={title}>
      <header className="row between">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Status({ loading, error }: { loading?: boolean; error?: string | null }) {
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (loading) return <p className="muted">Loading…</p>;
  return null;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted empty">{children}</p>;
}
