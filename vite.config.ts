import { defineConfig } from 'vitest/config'; // not 'vite': tsc rejects the `test` key otherwise
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  // Relative base so the built app also works from a sub-folder or a file server at a conference.
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }] } },
    },
  },
  server: { host: '127.0.0.1' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
    testTimeout: 60_000,
  },
});
