import { useState, type FormEvent } from 'react';
import { api, errorText, type Schemas } from '../api/client';
import { Badge } from '../ui/bits';

type Report = Schemas['ImportReportResponseDto'];

/** Import firms, programs and scaling rules (JSON or CSV), with a dry run and the per-row report. */
export function RegistryImport({ onImported }: { onImported: () => void }) {
  const [text, setText] = useState('');
  const [format, setFormat] = useState<'json' | 'csv'>('json');
  const [dryRun, setDryRun] = useState(true);
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string | null>(null);
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setFormat(file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let body: string | Record<string, unknown>;
    try {
      body = format === 'json' ? (JSON.parse(text) as Record<string, unknown>) : text;
    } catch (err) {
      return setError(`Not JSON: ${(err as Error).message}`);
    }
    const {
      data,
      error: err,
      response,
    } = await api.POST('/api/prop-registry/import', {
      params: { query: { dry_run: dryRun } },
      body,
      ...(format === 'csv'
        ? { headers: { 'content-type': 'text/csv' }, bodySerializer: (b: unknown) => b as string }
        : {}),
    });
    setReport(data);
    setError(data ? null : errorText(err, response.status));
    if (data && !data.dry_run) onImported();
  };
  return (
    <form className="grid-form" onSubmit={submit} aria-label="Import the registry">
      <label>
        File (JSON or CSV)
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => readFile(e.target.files?.[0])}
        />
      </label>
      <label>
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as 'json' | 'csv')}>
          <option value="json">JSON</option>
          <option value="csv">CSV</option>
        </select>
      </label>
      <label className="wide">
        Document
        <textarea
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
          spellCheck={false}
        />
      </label>
      <label className="inline">
        <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
        Dry run (report only, change nothing)
      </label>
      <div className="row">
        <button type="submit" className="primary">
          {dryRun ? 'Check import' : 'Import'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {report && <ImportReport report={report} />}
    </form>
  );
}

function ImportReport({ report }: { report: Report }) {
  return (
    <div className="wide" role="status">
      <p>
        {report.dry_run ? 'Dry run — nothing changed: ' : 'Imported: '}
        {report.created} created, {report.updated} updated, {report.unchanged} unchanged, {report.rejected}{' '}
        rejected
      </p>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Entity</th>
              <th scope="col">Key</th>
              <th scope="col">Action</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r, i) => (
              <tr key={i}>
                <td className="mono">{r.source}</td>
                <td>{r.entity}</td>
                <td>{r.key}</td>
                <td>
                  <Badge value={r.action === 'rejected' ? 'REJECTED' : r.action} />
                </td>
                <td className="error">{r.problems.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
