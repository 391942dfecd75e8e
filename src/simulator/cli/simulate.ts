import { readFileSync } from 'node:fs';
import { runCli, withCliContext } from '../../platform/cli/cli';
import { SimulatorRunsService } from '../application/simulator-runs.service';
import { SimulatorModule } from '../simulator.module';
import { cliRequest, USAGE } from './simulate-args';
import { verdictTable } from './verdict-table';

/**
 * `npm run simulate -- FILE [--firm CODE | --programs 1,2 | --all] [--risk 0.5% --stop 10] [--search 0.05%:2%]`:
 * the same run as POST /api/simulator/runs (stored with the others), on DATABASE_URL or the embedded database
 * (which a running service holds: stop it first, or use the API). Prints a table, or the report with --json.
 * Exit 0: replayed; 1: the file, the arguments or the database could not be used (every problem listed).
 */
async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--') && !isValueOf(argv, a));
  if (!file) throw new Error(USAGE);
  const request = cliRequest(file, readFileSync(file, 'utf8'), argv);
  return withCliContext([SimulatorModule], async (ctx) => {
    const run = await ctx.get(SimulatorRunsService).create(request);
    process.stdout.write(
      argv.includes('--json') ? `${JSON.stringify(run, null, 2)}\n` : verdictTable(run.id, run.report),
    );
    return 0;
  });
}

function isValueOf(argv: string[], a: string): boolean {
  const i = argv.indexOf(a);
  return i > 0 && /^--(firm|programs|risk|stop|search|format|symbol|tz|multiplier|phase)$/.test(argv[i - 1]);
}

runCli(() => main(process.argv.slice(2)));
