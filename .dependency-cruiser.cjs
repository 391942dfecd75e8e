/** Architecture rules: a framework-free domain, and contexts that meet only through their modules' exports. */
const contexts = '(registry|sizing|risk|connectors|routing)';
module.exports = {
  forbidden: [
    {
      name: 'no-framework-in-domain',
      comment: 'domain/ is plain TypeScript: no Nest, TypeORM, validation or swagger imports',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: { path: 'node_modules/(@nestjs|typeorm|class-validator|class-transformer|@nestjs/swagger|pg|axios)' },
    },
    {
      name: 'no-domain-to-outer-layers',
      comment: 'domain/ never depends on application/, infrastructure/ or api/',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: { path: '^src/[^/]+/(application|infrastructure|api)/' },
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
      comment: 'cross-cutting code never depends on a bounded context',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: `^src/${contexts}/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
