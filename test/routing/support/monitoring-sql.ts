import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The seeds' monitoring queries, verbatim (stage 13E "Monitoring Queries", stage 13C "Monitoring"): operators
 * paste them into psql, so they must run unchanged on execution_tasks / execution_logs.
 */
export const SEED_QUERIES = {
  sizingDecisions: `SELECT 
    et.trade_id,
    et.event_type,
    el.response_body::jsonb->'program_sizing' as program_sizing,
    el.response_body::jsonb->'connector_results' as connector_results
FROM execution_tasks et
JOIN execution_logs el ON et.id = el.task_id
WHERE et.created_at > NOW() - INTERVAL '1 hour'
ORDER BY et.created_at DESC;`,
  // invalid Postgres as the seed wrote it: an aggregate cannot contain a set-returning function
  autoSizingStatistics: `SELECT 
    jsonb_array_elements(el.response_body::jsonb->'program_sizing')->>'firm_code' as firm,
    jsonb_array_elements(el.response_body::jsonb->'program_sizing')->>'program_id' as program,
    jsonb_array_elements(el.response_body::jsonb->'program_sizing')->>'status' as status,
    AVG((jsonb_array_elements(el.response_body::jsonb->'program_sizing')->>'computed_quantity')::int) as avg_quantity
FROM execution_logs el
WHERE el.created_at > NOW() - INTERVAL '24 hours'
GROUP BY firm, program, status
ORDER BY firm, program;`,
  connectorResults: `SELECT 
    et.trade_id,
    et.event_type,
    el.response_body::jsonb->'connector_results' as connector_results
FROM execution_tasks et
JOIN execution_logs el ON et.id = el.task_id
WHERE et.created_at > NOW() - INTERVAL '1 hour'
ORDER BY et.created_at DESC;`,
  connectorSuccessRates: `SELECT 
    jsonb_array_elements(el.response_body::jsonb->'connector_results')->>'firm_code' as firm,
    jsonb_array_elements(el.response_body::jsonb->'connector_results')->>'status' as status,
    COUNT(*) as count
FROM execution_logs el
WHERE el.created_at > NOW() - INTERVAL '24 hours'
GROUP BY firm, status
ORDER BY firm, status;`,
};

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The seeds' "Monitoring Queries" sections, copied verbatim from the seed documents (`../shared/seeds`, which a
 * clone does not have) into the repository, so that the comparison runs everywhere.
 */
export const SEED_FIXTURES = [
  join(ROOT, 'test', 'fixtures', 'seeds', 'stage-13e-monitoring.md'),
  join(ROOT, 'test', 'fixtures', 'seeds', 'stage-13c-monitoring.md'),
];

/** Every ```sql block of a markdown file that reads execution_logs. */
export function sqlBlocksOn(markdownPath: string): string[] {
  const text = readFileSync(markdownPath, 'utf8');
  return [...text.matchAll(/```sql\n([\s\S]*?)```/g)]
    .map((m) => m[1].trim())
    .filter((q) => q.includes('execution_logs'));
}

/** The README's corrected (LATERAL) auto-sizing statistics query. */
export function readmeLateralQuery(): string {
  const [q] = sqlBlocksOn(join(ROOT, 'README.md')).filter((b) => /\bLATERAL\b/i.test(b));
  if (!q) throw new Error('README.md has no corrected LATERAL monitoring query');
  return q;
}
