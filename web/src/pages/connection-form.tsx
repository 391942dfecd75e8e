import { useState, type FormEvent } from 'react';
import { api, errorText, type Schemas } from '../api/client';

type Connection = Schemas['ConnectionResponseDto'];
type Platform = Schemas['CreateConnectionRequestDto']['platform'];

/** The credential fields per platform (the API's description of `credentials`); secrets are masked. */
export const CREDENTIAL_FIELDS: Record<Platform, string[]> = {
  tradovate: ['username', 'password', 'app_id', 'app_version', 'cid', 'sec', 'device_id'],
  projectx: ['username', 'api_key'],
  rest: ['api_key'],
  // PropRouter's own paper platform (issue 19): no credentials, no URL
  paper: [],
};
const SECRET = new Set(['password', 'sec', 'api_key']);

/**
 * Creates a connection, or edits one (`existing`). Credentials are write-only: the form never shows a
 * stored value, only which fields are set; an empty field keeps what is stored.
 */
export function ConnectionForm({
  existing,
  onDone,
}: {
  existing?: Connection;
  onDone: (c: Connection) => void;
}) {
  const [name, setName] = useState(existing?.name ?? '');
  const [platform, setPlatform] = useState<Platform>(existing?.platform ?? 'tradovate');
  const [environment, setEnvironment] = useState<'demo' | 'live'>(existing?.environment ?? 'demo');
  const [baseUrl, setBaseUrl] = useState(existing?.base_url ?? '');
  const [creds, setCreds] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const credentials = Object.fromEntries(
      Object.entries(creds).filter(([k, v]) => v !== '' && CREDENTIAL_FIELDS[platform].includes(k)),
    );
    const url = platform === 'paper' || baseUrl === '' ? null : baseUrl;
    const body = { name, platform, environment, base_url: url, credentials };
    const {
      data,
      error: err,
      response,
    } = existing
      ? await api.PATCH('/api/accounts/connections/{id}', { params: { path: { id: existing.id } }, body })
      : await api.POST('/api/accounts/connections', { body });
    if (!data) return setError(errorText(err, response.status));
    setCreds({});
    setError(null);
    onDone(data);
  };
  const prefix = existing ? `conn-${existing.id}` : 'conn-new';
  return (
    <form
      className="grid-form"
      onSubmit={submit}
      aria-label={existing ? `Edit connection ${existing.name}` : 'New connection'}
    >
      <label>
        Name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Platform
        <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
          <option value="tradovate">Tradovate</option>
          <option value="projectx">ProjectX</option>
          <option value="rest">Generic REST</option>
          <option value="paper">Paper (PropRouter)</option>
        </select>
      </label>
      <label>
        Environment
        <select value={environment} onChange={(e) => setEnvironment(e.target.value as 'demo' | 'live')}>
          <option value="demo">demo</option>
          <option value="live">live</option>
        </select>
      </label>
      {platform !== 'paper' && (
        <label>
          Base URL
          <input
            type="url"
            value={baseUrl}
            placeholder={platform === 'rest' ? 'required for rest' : "the platform's documented URL"}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </label>
      )}
      <fieldset>
        <legend>Credentials (write-only{existing ? '; empty keeps the stored value' : ''})</legend>
        {CREDENTIAL_FIELDS[platform].map((f) => (
          <label key={f} htmlFor={`${prefix}-${f}`}>
            {f}
            {existing?.credentials_set.includes(f) && <span className="muted"> (set)</span>}
            <input
              id={`${prefix}-${f}`}
              name={f}
              type={SECRET.has(f) ? 'password' : 'text'}
              autoComplete={SECRET.has(f) ? 'new-password' : 'off'}
              value={creds[f] ?? ''}
              onChange={(e) => setCreds({ ...creds, [f]: e.target.value })}
            />
          </label>
        ))}
      </fieldset>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary">
          {existing ? 'Save connection' : 'Create connection'}
        </button>
      </div>
    </form>
  );
}
