import { describe, expect, it } from 'vitest';
import { PAGE_ASSETS, PAGES, UiAssets, UI_CONTENT_SECURITY_POLICY } from './ui-assets';

describe('UiAssets', () => {
  const assets = new UiAssets();

  it.each(PAGES)(
    '%s refers only to files the server serves, and has no inline script or handler',
    (name) => {
      const html = assets.page(name).body.toString('utf8');
      const refs = [...html.matchAll(/(?:src|href)="(\/ui\/[^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        if (ref === '/ui/dashboards' || ref === '/ui/vendor/chart.umd.js') continue;
        expect(PAGE_ASSETS as readonly string[]).toContain(ref.replace('/ui/assets/', ''));
      }
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toMatch(/\sstyle=/i);
    },
  );

  it('serves Chart.js from node_modules and nothing outside its allow-list', () => {
    expect(assets.chartJs().body.toString('utf8')).toContain('Chart');
    expect(assets.asset('ui.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(assets.asset('../ui-assets.ts')).toBeUndefined();
    expect(assets.asset('dashboard.html')).toBeUndefined();
  });

  it('allows no inline script, eval or foreign origin', () => {
    expect(UI_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(UI_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
  });
});
