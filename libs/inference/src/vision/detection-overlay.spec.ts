import { describe, expect, it } from 'vitest';
import { classColour, toHex } from './class-palette';
import {
  buildDetectionOverlay,
  detectionLabel,
  escapeXml,
  strokeWidthFor,
} from './detection-overlay';

describe('escapeXml', () => {
  it('escapes markup characters and removes characters XML cannot hold', () => {
    expect(escapeXml(`<b>&"it's"</b>\u0001`)).toBe('&lt;b&gt;&amp;&quot;it&apos;s&quot;&lt;/b&gt;');
  });

  it('leaves ordinary and non-ASCII text alone', () => {
    expect(escapeXml('Schraubendreher ÄÖÜ 🔧 0.87')).toBe('Schraubendreher ÄÖÜ 🔧 0.87');
  });

  it('drops lone surrogates, which cannot be encoded', () => {
    expect(escapeXml('saw\ud800')).toBe('saw');
  });
});

describe('detectionLabel', () => {
  it('writes the class name and the score to two decimals', () => {
    expect(
      detectionLabel({
        classIndex: 0,
        className: 'hammer',
        score: 0.8749,
        box: { x1: 0, y1: 0, x2: 1, y2: 1 },
      }),
    ).toBe('hammer 0.87');
  });
});

describe('strokeWidthFor', () => {
  it('is at least 2 and grows with the image', () => {
    expect(strokeWidthFor({ width: 200, height: 150 })).toBe(2);
    expect(strokeWidthFor({ width: 4032, height: 3024 })).toBe(11);
  });
});

describe('buildDetectionOverlay', () => {
  const size = { width: 200, height: 150 };

  it('draws the outline inside the box, in the class colour, with an escaped label', () => {
    const svg = buildDetectionOverlay(size, [
      { classIndex: 3, className: 'a<b>&c', score: 0.5, box: { x1: 20, y1: 40, x2: 120, y2: 110 } },
    ]);

    expect(svg).toContain('width="200" height="150"');
    expect(svg).toContain(
      `<rect x="21" y="41" width="98" height="68" fill="none" stroke="${toHex(classColour(3))}" stroke-width="2"/>`,
    );
    expect(svg).toContain('>a&lt;b&gt;&amp;c 0.50</text>');
    expect(svg).not.toContain('a<b>');
  });

  it('puts the label above the box, or inside it at the top edge of the image', () => {
    const above = buildDetectionOverlay(size, [
      { classIndex: 0, className: 'x', score: 1, box: { x1: 10, y1: 40, x2: 50, y2: 80 } },
    ]);
    const atTop = buildDetectionOverlay(size, [
      { classIndex: 0, className: 'x', score: 1, box: { x1: 10, y1: 5, x2: 50, y2: 80 } },
    ]);

    // Font 12, padding 3: label height 18.
    expect(above).toContain('<rect x="10" y="22" width=');
    expect(atTop).toContain('<rect x="10" y="5" width=');
  });

  it('is an empty drawing when there is nothing to draw', () => {
    expect(buildDetectionOverlay(size, [])).toMatch(/<g [^>]*><\/g><\/svg>$/);
  });
});
