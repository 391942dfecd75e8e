// Jest 30 on Node 20 cannot require() ESM: swc compiles our TS and Nest's ESM packages to CommonJS.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs', ignoreDynamic: true },
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // ESM-only packages reached at run time (Nest 12 and its helpers); everything else is CommonJS already.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|content-disposition|cookie|set-cookie-parser|toad-cache|file-type|strtok3|token-types|@tokenizer|@borewit|uint8array-extras|change-case|openapi-fetch|openapi-typescript-helpers|ansis|libphonenumber-js)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
// The e2e and reliability projects clone one migrated template database per run (see test/support/test-database.ts).
const database = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
/**
 * Reliability suites that time no answer and stop no shared server (fuzz: hostile requests; security: every
 * route unauthenticated and as a viewer; crash: SIGKILLs its own service): they run beside the e2e files.
 */
const PARALLEL_RELIABILITY = ['fuzz', 'security', 'crash'];
module.exports = {
  testTimeout: 60000,
  // unit and e2e files are independent (own database, port 0). So are the reliability suites that time
  // nothing and stop nothing but their own service (reliability-parallel), which `npm test` runs with them.
  // Two workers, one per core. Three were tried (an e2e file waits about half its time on Postgres, its
  // services and its fakes' timers): 345–409 s instead of ~470 s, but in one of three idle fresh-clone CI runs
  // a platform fake's answer passed the tests' 2 s platform timeout and alert-dedupe.e2e failed. The other
  // reliability suites measure latencies or stop Postgres: a second, serial invocation (--runInBand) runs them
  // alone on the machine. A new suite is serial unless listed in PARALLEL_RELIABILITY.
  maxWorkers: 2,
  // A worker's heap grew file by file (measured with --logHeapUsage: 99 MB after the first file, 1.25 GB
  // after ~45), and a major GC of such a heap stalls the worker for seconds: long enough for the platform
  // fakes it hosts to miss a test's 2 s platform timeout. A worker past this limit is replaced between files.
  workerIdleMemoryLimit: '700MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/web/src/**/*.spec.ts'],
    },
    {
      ...common,
      ...database,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
    },
    {
      ...common,
      ...database,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'],
      testPathIgnorePatterns: [`/test/reliability/(${PARALLEL_RELIABILITY.join('|')})\\.rel-spec\\.ts$`],
    },
    {
      ...common,
      ...database,
      displayName: 'reliability-parallel',
      testMatch: [`<rootDir>/test/reliability/{${PARALLEL_RELIABILITY.join(',')}}.rel-spec.ts`],
    },
  ],
};
