import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One file the page is made of, read once at start. */
export interface UiAsset {
  body: Buffer;
  contentType: string;
}

/** The folder beside this module holding the page (copied next to the compiled code by `nest build`). */
export const UI_PUBLIC_DIR = join(__dirname, 'public');

/** Chart.js' browser build, served from node_modules (no CDN): its package resolves to dist/chart.cjs. */
const chartJsBrowserBuild = (): string =>
  join(dirname(require.resolve('chart.js')), 'chart.umd.js');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Files under /ui/assets/ (an allow-list: nothing else of the folder is served). */
export const PAGE_ASSETS = [
  'api-client.js',
  'dashboards-list.js',
  'dashboard-view.js',
  'metric-charts.js',
  'ui.css',
] as const;
export const PAGES = ['dashboards.html', 'dashboard.html'] as const;

export type PageAsset = (typeof PAGE_ASSETS)[number];
export type Page = (typeof PAGES)[number];

/**
 * The policy of every /ui response: scripts, styles and data from this origin only (no inline script or style
 * element, no eval), no framing, no plugins. Chart.js draws on canvas and sets sizes through the CSSOM, which
 * the policy allows.
 */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const uiHeaders = (asset: UiAsset): Record<string, string> => ({
  'Content-Type': asset.contentType,
  'Content-Length': String(asset.body.length),
  'Cache-Control': 'no-cache',
  'Content-Security-Policy': UI_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
});

const load = (path: string): UiAsset => ({
  body: readFileSync(path),
  contentType: CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream',
});

/** The dashboard page's files, held in memory (a few hundred kB, Chart.js included). */
@Injectable()
export class UiAssets {
  private readonly files = new Map<string, UiAsset>();

  constructor() {
    for (const name of [...PAGES, ...PAGE_ASSETS])
      this.files.set(name, load(join(UI_PUBLIC_DIR, name)));
    this.files.set('chart.umd.js', load(chartJsBrowserBuild()));
  }

  page(name: Page): UiAsset {
    return this.file(name);
  }

  /** A page asset, or undefined when `name` is not one. */
  asset(name: string): UiAsset | undefined {
    return (PAGE_ASSETS as readonly string[]).includes(name) ? this.file(name) : undefined;
  }

  chartJs(): UiAsset {
    return this.file('chart.umd.js');
  }

  private file(name: string): UiAsset {
    const file = this.files.get(name);
    if (!file) throw new Error(`UI file ${name} was not loaded`);
    return file;
  }
}
