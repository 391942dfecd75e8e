import type { Checked, ConnectionFields, Draft } from './account-records';
import { RESERVED_PREFIX } from './account-records';
import { FieldReader } from './field-reader';
import { DEFAULT_BASE_URLS, ENVIRONMENTS, PLATFORMS } from './platforms';

const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** Checks a whole candidate connection (stored fields with the draft over them); every problem at once. */
export function checkConnection(candidate: Draft): Checked<ConnectionFields> {
  const r = new FieldReader(candidate);
  const name = r.text('name', { max: 100, required: true });
  if (name !== null && name.toLowerCase().startsWith(RESERVED_PREFIX))
    r.fail('name', `must not start with "${RESERVED_PREFIX}" (reserved for env-configured firms)`);
  const platform = r.oneOf('platform', PLATFORMS);
  const environment = r.oneOf('environment', ENVIRONMENTS);
  const baseUrl = r.text('base_url', {
    max: 500,
    pattern: URL_PATTERN,
    hint: 'must be an http(s) URL',
  });
  if (platform === 'paper' && baseUrl)
    r.fail('base_url', 'must be null for paper connections (the paper platform is PropRouter itself)');
  else if (
    platform &&
    platform !== 'paper' &&
    !baseUrl &&
    DEFAULT_BASE_URLS[platform] === null &&
    candidate.base_url == null
  )
    r.fail('base_url', `is required for ${platform} connections (there is no default URL)`);
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  return {
    ok: true,
    value: { name: name!, platform: platform!, environment: environment!, base_url: trimUrl(baseUrl) },
  };
}

function trimUrl(url: string | null): string | null {
  return url === null ? null : url.trim().replace(/\/+$/, '');
}
