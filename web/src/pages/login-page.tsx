import { useState, type FormEvent } from 'react';
import { api, errorText, session } from '../api/client';

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const {
      data,
      error: err,
      response,
    } = await api.POST('/api/auth/login', { body: { username, password } });
    setBusy(false);
    if (data) session.set(data.access_token);
    else setError(errorText(err, response.status));
  };
  return (
    <main className="login">
      <form onSubmit={submit} className="panel" aria-labelledby="login-title">
        <h1 id="login-title">PropRouter</h1>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Log in
        </button>
      </form>
    </main>
  );
}
