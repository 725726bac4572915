import { defineConfig } from 'vitest/config'; // not 'vite': tsc rejects the `test` key otherwise
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { CSP_META, SECURITY_HEADERS } from './src/securityHeaders.ts';

/** The CSP as a <meta> tag in the built page only (the dev server injects its own HMR scripts). */
const cspMeta = (): Plugin => ({
  name: 'pis-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' }],
});

export default defineConfig({
  plugins: [preact(), cspMeta()],
  // Relative base so the built app also works from a sub-folder or a file server at a conference.
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }] } },
      // Rolldown's build-time report per plugin: noise for a user running `npm start`.
      checks: { pluginTimings: false },
      // HiGHS's loader imports node:module only under Node (guarded by process.versions.node);
      // Vite externalizes it for the browser and says so. Known and harmless: not shown.
      onLog(level, log, handler) {
        if (level === 'warn' && /"node:module" has been externalized/.test(log.message)) return;
        handler(level, log);
      },
    },
  },
  server: { host: '127.0.0.1' },
  // `vite preview` / `npm start`: the same policy as the meta tag, plus what only a header can say.
  preview: { headers: { ...SECURITY_HEADERS } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
    testTimeout: 60_000,
  },
});
