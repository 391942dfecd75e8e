/**
 * Architecture rules (README "Architecture"): a framework-free domain, contexts that meet only through their
 * modules and ports, data that flows one way (api → application → domain, infrastructure → application),
 * a context-free platform, and loopback fakes that only tests, benchmarks and demos reach.
 * test/house/guardrails.e2e-spec.ts proves each rule by a probe the check must reject.
 */
const contexts =
  '(registry|sizing|risk|connectors|routing|accounts|sync|notifications|guards|calendar|simulator|dashboard)';
const rooms = '(domain|application|infrastructure|api)';
/** Unit specs beside the code are tests: they may use test support, fakes and the real adapters. */
const specs = '\\.spec\\.ts$';
/** What plain TypeScript may use besides itself: exact decimals, time zones, hashing. */
const pureLibraries = ['^node_modules/(decimal\\.js|luxon|@types/luxon)/', '^(node:)?crypto$'];
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'no import cycle, between files or between Nest modules (a module that imports a module importing it)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'context-has-four-rooms',
      comment:
        'a context keeps its code in domain/, application/, infrastructure/ and api/ (plus its module, a cli/ entry point and its loopback fakes/): settings go in infrastructure/config/',
      severity: 'error',
      from: {
        path: `^src/${contexts}/`,
        pathNot: `^src/${contexts}/(${rooms.slice(1, -1)}|cli|fakes)/|^src/${contexts}/[^/]+\\.module\\.ts$`,
      },
      to: {},
    },
    {
      name: 'domain-is-pure',
      comment:
        'domain/ imports only its own domain/, the shared kernel and pure libraries: no framework, no platform, no other layer or context',
      severity: 'error',
      from: { path: `^src/${contexts}/domain/`, pathNot: specs },
      to: { pathNot: ['^src/$1/domain/', '^src/shared-kernel/', ...pureLibraries] },
    },
    {
      name: 'shared-kernel-is-pure',
      comment: 'src/shared-kernel/ holds the contracts several contexts share: plain TypeScript, depending on nothing else',
      severity: 'error',
      from: { path: '^src/shared-kernel/', pathNot: specs },
      to: { pathNot: ['^src/shared-kernel/', ...pureLibraries] },
    },
    {
      name: 'application-not-to-own-outer-layers',
      comment:
        'application/ never depends on its own infrastructure/ or api/: it declares a port in application/ports/ and the module binds an adapter',
      severity: 'error',
      from: { path: `^src/${contexts}/application/`, pathNot: specs },
      to: { path: '^src/$1/(infrastructure|api)/' },
    },
    {
      name: 'modules-only-from-composition',
      comment:
        'a Nest module is imported by another module or a composition root, never from inside a layer (that is how module cycles start)',
      severity: 'error',
      from: { path: `^src/${contexts}/${rooms}/` },
      to: { path: ['^src/[^/]+/[^/]+\\.module\\.ts$', '^src/app\\.module\\.ts$'] },
    },
    {
      name: 'no-cross-context-internals',
      comment: 'a context reaches another only through its public ports (application/ports) and module',
      severity: 'error',
      from: { path: `^src/${contexts}/` },
      to: {
        path: `^src/${contexts}/(domain|infrastructure|api|application/(?!ports/))`,
        pathNot: ['^src/$1/'],
      },
    },
    {
      name: 'platform-is-context-free',
      comment:
        'cross-cutting code depends on platform/ and the shared kernel only: never a context, app.module or the composition root',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: ['^src/platform/', '^src/shared-kernel/'] },
    },
    {
      name: 'fakes-only-from-tests',
      comment:
        'the loopback fakes of external platforms serve test/ and bench/ (and their own runner, npm run fake); production code never reaches them',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/.*/fakes/', specs] },
      to: { path: '^src/.*/fakes/' },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'test and bench support is reachable only from test/ and bench/',
      severity: 'error',
      from: { path: '^src/', pathNot: specs },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
