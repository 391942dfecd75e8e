/** The test services' credentials, and calls the tests make on a running service (see service-process.ts). */

/** The first admin the test environments create (`ADMIN_USERNAME` / `ADMIN_PASSWORD`). */
export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };
export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';

/** Logs in on the service and returns a bearer token. */
export async function serviceToken(url: string, user = ADMIN): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (r.status !== 200) throw new Error(`login as ${user.username} failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

/** POSTs a webhook body; the status, or null when the request never got an answer (process gone). */
export async function postSignal(
  url: string,
  body: Record<string, unknown>,
): Promise<{ status: number; taskId: number | null } | null> {
  try {
    const r = await fetch(`${url}/api/webhooks/tradingview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await r.json().catch(() => ({}))) as { task_id?: number };
    return { status: r.status, taskId: json.task_id ?? null };
  } catch {
    return null;
  }
}
