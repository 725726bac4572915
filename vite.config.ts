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

/**
 * The start-up geodata preloaded from index.html: the browser fetches it while the JS is still
 * being fetched and evaluated, instead of after (issue 13; main.tsx's fetch() then takes the
 * preloaded response). `crossorigin` matches fetch()'s default same-origin credentials mode.
 */
const GEODATA_AT_START = [/geodata[\\/]generated[\\/]territory\.json$/, /geodata[\\/]generated[\\/]territory\.topo\.json$/, /geodata[\\/]generated[\\/]manifest\.json$/];
const preloadGeodata = (): Plugin => ({
  name: 'pis-preload-geodata',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(_html, ctx) {
      const files = Object.values(ctx.bundle ?? {}).filter((a) => a.type === 'asset' && (a.originalFileNames ?? []).some((n) => GEODATA_AT_START.some((re) => re.test(n))));
      if (files.length !== GEODATA_AT_START.length) throw new Error(`geodata da precaricare: trovati ${files.length} file su ${GEODATA_AT_START.length}`);
      return files.map((a) => ({ tag: 'link', attrs: { rel: 'preload', href: `./${a.fileName}`, as: 'fetch', crossorigin: '' }, injectTo: 'head' as const }));
    },
  },
});

export default defineConfig({
  plugins: [preact(), cspMeta(), preloadGeodata()],
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
