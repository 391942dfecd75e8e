/**
 * Sizes 10,000 firm × program pairs through ProgramSizingService (the real rule, env rules and
 * contract catalogue) with an in-memory program catalogue, and prints pairs per second.
 * Build and run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/sizing-bench.js
 */
import { performance } from 'node:perf_hooks';
import { FirmEnvReader } from '../src/platform/config/firm-env.reader';
import {
  FirmRecord,
  NO_RULE_SET,
  ProgramCatalog,
  ProgramRecord,
} from '../src/registry/application/ports/program-catalog.port';
import { SizingRequest } from '../src/sizing/application/ports/position-sizer.port';
import { ProgramSizingService } from '../src/sizing/application/program-sizing.service';
import { SpecTableContractCatalog } from '../src/sizing/infrastructure/catalog/spec-table-contract-catalog';
import { EnvSizingRules } from '../src/sizing/infrastructure/config/env-sizing-rules';

const FIRMS = 100;
const PROGRAMS_PER_FIRM = 100;
const RUNS = 20;
const SYMBOLS = [
  'NQ1!',
  'CME_MINI:MNQ1!',
  'ESH6',
  'MESZ2025',
  'YM1!',
  'M2KZ5',
  'CLF26',
  'MGC1!',
  '6EZ5',
  'ZN1!',
];

class InMemoryProgramCatalog extends ProgramCatalog {
  constructor(private readonly programs: Map<number, ProgramRecord>) {
    super();
  }
  async findFirmByCode(): Promise<FirmRecord | null> {
    return null;
  }
  async listActiveFirms(): Promise<FirmRecord[]> {
    return [];
  }
  async findProgram(id: number): Promise<ProgramRecord | null> {
    return this.programs.get(id) ?? null;
  }
  async findPrograms(ids: number[]): Promise<Map<number, ProgramRecord>> {
    return new Map(
      ids.flatMap((id) => (this.programs.has(id) ? [[id, this.programs.get(id)!] as const] : [])),
    );
  }
  async listPrograms(): Promise<ProgramRecord[]> {
    return [...this.programs.values()];
  }
}

function programFor(firm: number, index: number): ProgramRecord {
  const id = firm * PROGRAMS_PER_FIRM + index + 1;
  const ladder = index % 4 === 0;
  return {
    id,
    firmId: firm + 1,
    firmCode: `FIRM${firm}`,
    name: `Program ${id}`,
    accountSize: [25000, 50000, 100000, 150000][index % 4],
    currency: 'USD',
    maxDailyLoss: null,
    maxTotalLoss: null,
    profitTarget: null,
    drawdownType: null,
    maxContracts: index % 3 === 0 ? 10 : null,
    maxRiskPercent: index % 5 === 0 ? 0.02 : null,
    rules: NO_RULE_SET,
    scalingLadder: ladder
      ? [
          { min_profit: 0, max_contracts: 2 },
          { min_profit: 1500, max_contracts: 3 },
          { min_profit: 2000, max_contracts: 5 },
        ]
      : [],
    meta: {},
  };
}

function setUp(): { sizer: ProgramSizingService; requests: SizingRequest[] } {
  const programs = new Map<number, ProgramRecord>();
  const requests: SizingRequest[] = [];
  const env: Record<string, string> = {};
  for (let firm = 0; firm < FIRMS; firm++) {
    for (let index = 0; index < PROGRAMS_PER_FIRM; index++) {
      const program = programFor(firm, index);
      programs.set(program.id, program);
      if (index % 7 === 0) env[`FIRM${firm}_${program.id}_MAX_CONTRACTS`] = '4';
      if (index % 11 === 0) env[`FIRM${firm}_${program.id}_MIN_CONTRACTS`] = '2';
      requests.push({
        firmCode: program.firmCode,
        programId: program.id,
        symbol: SYMBOLS[index % SYMBOLS.length],
        entryPrice: 1000 + index * 0.25,
        stopLoss: 1000 + index * 0.25 - (1 + (index % 40) * 0.25),
        riskPercent: 0.005 + (index % 5) * 0.0025,
        quantity: index % 6 === 0 ? 1 + (index % 3) : null,
        accountProfit: index % 4 === 0 ? (index % 9) * 300 : null,
      });
    }
  }
  const rules = new EnvSizingRules(new FirmEnvReader(env), { SIZING_MAX_RISK_PERCENT: 0.05 });
  rules.onModuleInit();
  const sizer = new ProgramSizingService(
    new InMemoryProgramCatalog(programs),
    rules,
    new SpecTableContractCatalog(),
  );
  return { sizer, requests };
}

async function main(): Promise<void> {
  const { sizer, requests } = setUp();
  const warmup = await sizer.size(requests);
  const timings: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await sizer.size(requests);
    timings.push(performance.now() - start);
  }
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)];
  const statuses = warmup.reduce<Record<string, number>>((acc, r) => {
    const key = r.rule ? `${r.status}/${r.rule}` : r.status;
    return { ...acc, [key]: (acc[key] ?? 0) + 1 };
  }, {});
  console.log(`sizing bench: ${requests.length} firm × program pairs, ${RUNS} runs after one warm-up`);
  console.log(
    `  median ${median.toFixed(1)} ms per batch  (best ${timings[0].toFixed(1)} ms, worst ${timings.at(-1)!.toFixed(1)} ms)`,
  );
  console.log(
    `  ${Math.round(requests.length / (median / 1000)).toLocaleString('en-US')} pairs/s at the median`,
  );
  console.log(`  outcomes: ${JSON.stringify(statuses)}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
