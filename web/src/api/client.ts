import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '../../../test/generated/openapi';

/**
 * The one way the dashboard reaches the API: openapi-fetch typed by the document the service publishes
 * (`npm run openapi:client` regenerates test/generated/openapi.d.ts from it). No request or response type is
 * written by hand.
 */
export type Schemas = components['schemas'];
export type Paths = paths;

const TOKEN_KEY = 'proprouter.token';
const listeners = new Set<() => void>();

export const session = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  set(token: string | null): void {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
    listeners.forEach((l) => l());
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    // an expired or revoked session: back to the login page (a login's own 401 is its answer)
    if (response.status === 401 && !request.url.endsWith('/api/auth/login')) session.set(null);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin });
api.use(auth);

/** What an error answer says, every listed problem included (the API names each one). */
export function errorText(error: unknown, status?: number): string {
  const e = error as Partial<Schemas['ErrorResponseDto']> | undefined;
  const parts = [e?.message ?? (status ? `HTTP ${status}` : 'request failed'), ...(e?.details ?? [])];
  return parts.join(' — ');
}

/** Unwraps an openapi-fetch answer: the data, or an Error with the API's message. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) throw new Error(errorText(error, response.status));
  return data;
}
