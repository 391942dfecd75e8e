import { useEffect, useState } from 'react';

/** The pages, by path (the service serves index.html for each: src/platform/http/dashboard.ts). */
export const PAGES = [
  { path: '/accounts', label: 'Accounts' },
  { path: '/signals', label: 'Signals' },
  { path: '/orders', label: 'Orders' },
  { path: '/kill-switch', label: 'Kill switch' },
  { path: '/connections', label: 'Accounts & connections' },
  { path: '/registry', label: 'Registry' },
  { path: '/simulator', label: 'Simulator' },
  { path: '/notifications', label: 'Notifications' },
  { path: '/system', label: 'System' },
] as const;

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(to: string): void {
  if (to === location.pathname + location.search) return;
  history.pushState(null, '', to);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

/** The current path and query, re-rendered on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** Replaces the query string (filters) without a new history entry. */
export function setQuery(params: Record<string, string | undefined>): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, '', location.pathname + (s ? `?${s}` : ''));
  listeners.forEach((l) => l());
}
