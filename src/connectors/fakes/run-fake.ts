import type { FakeOptions, FakePlatform } from './fake-platform';
import { startProjectXFake } from './projectx-fake';
import { startRestFake } from './rest-fake';
import { startTradovateFake } from './tradovate-fake';

const STARTERS: Record<string, (opts: FakeOptions) => Promise<FakePlatform>> = {
  rest: startRestFake,
  tradovate: startTradovateFake,
  projectx: startProjectXFake,
};

const USAGE = 'usage: run-fake <rest|tradovate|projectx> [--port N] [--host H]';

/** `npm run fake -- tradovate --port 8101`: one loopback platform fake, for demos and benchmarks. */
async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const start = name ? STARTERS[name] : undefined;
  const opts = parseOptions(rest);
  if (!start || typeof opts === 'string') {
    console.error(typeof opts === 'string' ? `${opts}\n${USAGE}` : USAGE);
    process.exit(2);
  }
  const fake = await start(opts);
  console.log(`${fake.name} fake listening on ${fake.url}`);
  const stop = () => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The options, or the problem with them. */
function parseOptions(args: string[]): FakeOptions | string {
  const opts: FakeOptions = {};
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--port' && value !== undefined && /^\d+$/.test(value) && Number(value) <= 65535) {
      opts.port = Number(value);
    } else if (flag === '--host' && value) {
      opts.host = value;
    } else {
      return `bad argument: ${flag}${value === undefined ? '' : ` ${value}`}`;
    }
  }
  return opts;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`fake failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
