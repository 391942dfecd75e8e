import { useState, type FormEvent } from 'react';
import { api, errorText, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { dec } from '../format/money';

type Body = Schemas['CreateRunRequestDto'];
type FileFormat = 'tradingview' | 'csv' | 'json';
type Sizing = Body['sizing'];

async function loadPrograms() {
  const [firms, programs] = await Promise.all([
    must(api.GET('/api/prop-registry/firms')),
    must(api.GET('/api/prop-registry/programs')),
  ]);
  return { firms: firms.firms, programs: programs.programs };
}

/** TradingView's "List of trades" export starts with "Trade #"; any other CSV is a generic trade/fill list. */
function detect(name: string, text: string): FileFormat {
  if (
    name.toLowerCase().endsWith('.json') ||
    text.trimStart().startsWith('[') ||
    text.trimStart().startsWith('{')
  )
    return 'json';
  return /^\uFEFF?"?Trade #/.test(text) ? 'tradingview' : 'csv';
}

/** A percent typed by the operator (0.5) as the API's fraction (0.005), exactly; null when not a positive number. */
function fraction(percent: string): number | null {
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(percent.trim())) return null;
  const d = dec(percent.trim()).div(100);
  return d.gt(0) && d.lte(1) ? d.toNumber() : null;
}

/** Upload a trade list and the run's parameters (admins: POST /api/simulator/runs); the new run's id. */
export function SimulatorForm({ onRun }: { onRun: (id: number) => void }) {
  const reg = useApi(loadPrograms, 'simulator-programs');
  const [fileName, setFileName] = useState('');
  const [text, setText] = useState('');
  const [format, setFormat] = useState<FileFormat>('tradingview');
  const [symbol, setSymbol] = useState('');
  const [timezone, setTimezone] = useState('');
  const [programs, setPrograms] = useState('all');
  const [sizing, setSizing] = useState<Sizing>('as_traded');
  const [multiplier, setMultiplier] = useState('1');
  const [risk, setRisk] = useState('0.5');
  const [stop, setStop] = useState('');
  const [search, setSearch] = useState(false);
  const [step, setStep] = useState('0.05');
  const [max, setMax] = useState('2');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const t = await file.text();
    setFileName(file.name);
    setText(t);
    setFormat(detect(file.name, t));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: string[] = [];
    if (!text) problems.push('choose a trade list file');
    const body: Body = { format, file: text, sizing, phase: 'evaluation', news: true, curve: true };
    if (symbol.trim()) body.symbol = symbol.trim();
    if (timezone.trim()) body.timezone = timezone.trim();
    if (programs === 'all') body.all = true;
    else if (programs.startsWith('firm:')) body.firm = programs.slice(5);
    else body.program_ids = [Number(programs.slice(8))];
    if (sizing === 'multiplier') body.multiplier = multiplier.trim();
    if (sizing === 'risk') {
      const r = fraction(risk);
      if (r === null) problems.push('risk % must be a number above 0 and at most 100');
      else body.risk_percent = r;
    }
    if ((sizing === 'risk' || search) && stop.trim()) {
      const s = Number(stop.trim());
      if (!Number.isFinite(s) || s <= 0) problems.push('stop must be a positive number of points');
      else body.stop_points = s;
    }
    if (search) {
      const [st, mx] = [fraction(step), fraction(max)];
      if (st === null) problems.push('search step % must be a number above 0');
      if (mx === null) problems.push('search max % must be a number above 0');
      if (st !== null && mx !== null) body.search = { step: st, max: mx };
    }
    if (problems.length > 0) return setError(problems.join(' — '));
    setBusy(true);
    const { data, error: err, response } = await api.POST('/api/simulator/runs', { body });
    setBusy(false);
    if (!data) return setError(errorText(err, response.status));
    setError(null);
    onRun(data.id);
  };

  return (
    <form className="grid-form" onSubmit={submit} aria-label="New simulation">
      <label>
        Trade list file (TradingView CSV, CSV or JSON)
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => readFile(e.target.files?.[0])}
        />
      </label>
      <label>
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as FileFormat)}>
          <option value="tradingview">TradingView "List of trades" CSV</option>
          <option value="csv">Generic CSV (trades or fills)</option>
          <option value="json">JSON (trades or fills)</option>
        </select>
      </label>
      <label>
        Symbol (TradingView: the chart's)
        <input value={symbol} onChange={(e) => setSymbol(e.target.value)} placeholder="NQ1!" />
      </label>
      <label>
        Time zone of the file's times
        <input
          value={timezone}
          onChange={(e) => setTimezone(e.target.value)}
          placeholder={format === 'tradingview' ? 'America/Chicago' : 'UTC'}
        />
      </label>
      <label>
        Programs
        <select value={programs} onChange={(e) => setPrograms(e.target.value)}>
          <option value="all">every program in the registry</option>
          {reg.data && (
            <optgroup label="Every program of a firm">
              {reg.data.firms.map((f) => (
                <option key={f.code} value={`firm:${f.code}`}>
                  {f.code} — {f.name}
                </option>
              ))}
            </optgroup>
          )}
          {reg.data && (
            <optgroup label="One program">
              {reg.data.programs.map((p) => (
                <option key={p.id} value={`program:${p.id}`}>
                  {p.firm_code} {p.name} {p.account_size}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label>
        Sizing
        <select value={sizing} onChange={(e) => setSizing(e.target.value as Sizing)}>
          <option value="as_traded">as traded</option>
          <option value="multiplier">scaled by a multiplier</option>
          <option value="risk">re-sized per program at a risk %</option>
        </select>
      </label>
      {sizing === 'multiplier' && (
        <label>
          Multiplier
          <input value={multiplier} onChange={(e) => setMultiplier(e.target.value)} inputMode="decimal" />
        </label>
      )}
      {sizing === 'risk' && (
        <label>
          Risk per trade (%)
          <input value={risk} onChange={(e) => setRisk(e.target.value)} inputMode="decimal" />
        </label>
      )}
      {(sizing === 'risk' || search) && (
        <label>
          Stop (points, for trades without one)
          <input value={stop} onChange={(e) => setStop(e.target.value)} inputMode="decimal" />
        </label>
      )}
      <label className="inline">
        <input type="checkbox" checked={search} onChange={(e) => setSearch(e.target.checked)} />
        Search the highest risk % that still passes
      </label>
      {search && (
        <>
          <label>
            Search step (%)
            <input value={step} onChange={(e) => setStep(e.target.value)} inputMode="decimal" />
          </label>
          <label>
            Search up to (%)
            <input value={max} onChange={(e) => setMax(e.target.value)} inputMode="decimal" />
          </label>
        </>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Simulating…' : 'Run simulation'}
        </button>
        {fileName && <span className="muted small">{fileName}</span>}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
