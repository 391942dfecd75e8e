import { defineConfig } from 'vite';

/**
 * The dashboard's build: web/ → dist/web, served by the service at / (src/platform/http/dashboard.ts).
 * No dev server or plugin: Vite compiles TSX itself (automatic JSX runtime); the type check is
 * `npm run typecheck` (web/tsconfig.json), the size check `scripts/check-web-bundle.js`.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 600,
  },
});
