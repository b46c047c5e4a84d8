import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = resolve(__dirname, '../..');

// Runs bench/realty/run.ts through vitest (the installed TypeScript runner), printing directly.
export default defineConfig({
  root,
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias: { '@app/inference': resolve(root, 'libs/inference/src') } },
  test: {
    include: ['bench/realty/run.vitest.ts'],
    environment: 'node',
    disableConsoleIntercept: true,
    testTimeout: 600_000,
  },
});
