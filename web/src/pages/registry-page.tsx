import { useState } from 'react';
import { api, must } from '../api/client';
import { useApi } from '../api/use-api';
import { useIsAdmin } from '../app/me';
import { money, percent } from '../format/money';
import { short, when } from '../format/time';
import { Empty, Section, Status } from '../ui/bits';
import { RegistryImport } from './registry-import';

async function loadRegistry() {
  const [firms, programs, rules] = await Promise.all([
    must(api.GET('/api/prop-registry/firms')),
    must(api.GET('/api/prop-registry/programs')),
    must(api.GET('/api/prop-registry/scaling-rules')),
  ]);
  return { firms: firms.firms, programs: programs.programs, rules: rules.rules };
}

export function RegistryPage() {
  const admin = useIsAdmin();
  const reg = useApi(loadRegistry, 'registry');
  const audit = useApi(
    () => must(api.GET('/api/prop-registry/audit', { params: { query: { limit: 50 } } })),
    'audit',
  );
  const [firm, setFirm] = useState<string>('');
  const reload = () => (reg.reload(), audit.reload());
  return (
    <>
      <Section title="Firms and programs">
        <Status loading={reg.loading && !reg.data} error={reg.error} />
        {reg.data && (
          <>
            <label>
              Firm
              <select value={firm} onChange={(e) => setFirm(e.target.value)}>
                <option value="">every firm</option>
                {reg.data.firms.map((f) => (
                  <option key={f.code} value={f.code}>
                    {f.code} — {f.name} ({f.program_count} programs, {f.status})
                  </option>
                ))}
              </select>
            </label>
            <div className="scroll">
              <table>
                <caption className="sr-only">Programs and their rules</caption>
                <thead>
                  <tr>
                    <th scope="col">Firm</th>
                    <th scope="col">Program</th>
                    <th scope="col">Size</th>
                    <th scope="col">Daily loss</th>
                    <th scope="col">Max loss</th>
                    <th scope="col">Target</th>
                    <th scope="col">Days</th>
                    <th scope="col">Split</th>
                    <th scope="col">Scaling steps</th>
                  </tr>
                </thead>
                <tbody>
                  {reg.data.programs
                    .filter((p) => !firm || p.firm_code === firm)
                    .map((p) => (
                      <tr key={p.id}>
                        <td>{p.firm_code}</td>
                        <td>{p.name}</td>
                        <td className="num">{money(p.account_size)}</td>
                        <td className="num">{money(p.max_daily_loss)}</td>
                        <td className="num">{money(p.max_total_loss)}</td>
                        <td className="num">{money(p.profit_target)}</td>
                        <td>
                          {p.min_trading_days ?? '—'}
                          {p.max_trading_days ? `–${p.max_trading_days}` : ''}
                        </td>
                        <td>{percent(p.payout_split, 0)}</td>
                        <td>{reg.data?.rules.filter((r) => r.program_id === p.id).length || '—'}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>
      {admin && (
        <Section title="Import">
          <RegistryImport onImported={reload} />
        </Section>
      )}
      <Section title="Audit trail">
        <Status loading={audit.loading && !audit.data} error={audit.error} />
        {audit.data?.items.length === 0 && <Empty>No change recorded.</Empty>}
        <ul className="list">
          {audit.data?.items.map((e) => (
            <li key={e.id} title={when(e.created_at)}>
              {short(e.created_at)} · <strong>{e.actor}</strong> {e.action} {e.entity} #{e.entity_id}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
