/** The parts of a secret URL that may show up alone in an answer: its path, its long path segments, its query. */
function urlParts(value: string): string[] {
  try {
    const url = new URL(value);
    const segments = url.pathname.split('/').filter((s) => s.length >= 8);
    const query = [...url.searchParams.values()].filter((v) => v.length >= 8);
    return [url.pathname.length > 1 ? url.pathname : '', ...segments, ...query].filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * An error text with every secret value replaced, and for secret URLs (Discord, Slack and generic webhooks,
 * whose tokens are in the path) their path, path segments and query values: a delivery's error is stored
 * and shown, its channel's secrets never are.
 */
export function redactSecrets(text: string, secrets: Record<string, string>): string {
  let out = text;
  const parts = Object.values(secrets)
    .filter((v) => typeof v === 'string' && v.length >= 4)
    .flatMap((v) => [v, ...urlParts(v)])
    .sort((a, b) => b.length - a.length);
  for (const part of parts) out = out.split(part).join('[REDACTED]');
  return out.slice(0, 500);
}
