import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const alias = {
  '@app/database': resolve(__dirname, 'libs/database/src'),
  '@app/inference': resolve(__dirname, 'libs/inference/src'),
};

// SWC keeps decorator metadata, which Nest's dependency injection needs.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    projects: [
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['src/**/*.spec.ts', 'libs/**/*.spec.ts', 'scripts/**/*.spec.ts'],
          environment: 'node',
          setupFiles: ['reflect-metadata'],
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/**/*.e2e-spec.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
