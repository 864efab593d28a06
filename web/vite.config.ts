import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web console (共驻共建 · 三张清单), built into dist/web and served by apps/api at `/`.
 * No React plugin: Vite 8's oxc transforms TSX with the automatic JSX runtime.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: fileURLToPath(new URL('../dist/web', import.meta.url)), emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1000 },
  server: { proxy: Object.fromEntries(['/auth', '/communities', '/needs', '/pledges', '/tasks', '/public', '/inbox', '/units', '/streets', '/audit', '/evaluation-rounds', '/meetings', '/notices', '/members'].map((p) => [p, 'http://127.0.0.1:3000'])) },
});
