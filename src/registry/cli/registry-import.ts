import { readFileSync } from 'node:fs';
import { runCli, withCliContext } from '../../platform/cli/cli';
import { RegistryImportService } from '../application/registry-import.service';
import type { ImportReport } from '../domain/import-records';
import { RegistryModule } from '../registry.module';

const USAGE =
  'usage: npm run registry:import -- FILE [--dry-run] [--retire-generic] [--format=json|csv] [--json]';

/**
 * `npm run registry:import -- FILE`: the same importer as POST /api/prop-registry/import, on DATABASE_URL or the
 * embedded database (which the running service holds: stop it first, or use the API). Exit 0: every row applied;
 * 2: some rows rejected (listed); 1: the file or the database could not be used.
 */
async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) throw new Error(USAGE);
  const dryRun = argv.includes('--dry-run');
  const format =
    argv.find((a) => a.startsWith('--format='))?.split('=')[1] ?? (/\.csv$/i.test(file) ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw new Error(`--format must be json or csv\n${USAGE}`);
  const text = readFileSync(file, 'utf8');

  return withCliContext([RegistryModule], async (ctx) => {
    const imports = ctx.get(RegistryImportService);
    const report = await imports.run(imports.parse(format, text), {
      dryRun,
      actor: 'cli:registry-import',
      retireGeneric: argv.includes('--retire-generic'),
    });
    process.stdout.write(
      argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : describe(file, report),
    );
    return report.rejected > 0 ? 2 : 0;
  });
}

function describe(file: string, r: ImportReport): string {
  const lines = [
    `${r.dry_run ? 'Dry run of' : 'Imported'} ${file}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected${retireSummary(r)}`,
    ...r.rows
      .filter((row) => row.action === 'rejected' || row.action === 'kept')
      .map((row) => `  ${row.source} ${row.entity} ${row.key}: ${row.problems.join('; ')}`),
  ];
  return `${lines.join('\n')}\n`;
}

function retireSummary(r: ImportReport): string {
  const kept = r.rows.filter((row) => row.action === 'kept').length;
  return r.rows.some((row) => row.source === 'retire-generic')
    ? `; generic seed programs: ${r.retired} retired, ${kept} kept`
    : '';
}

runCli(() => main(process.argv.slice(2)));
