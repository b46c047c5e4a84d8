import type { Box, Size } from './box';
import { classColour, textColourOn, toHex } from './class-palette';

/** What the drawer needs of a detection; {@link Detection} fits. */
export interface DrawableDetection {
  readonly classIndex: number;
  readonly className: string;
  readonly score: number;
  readonly box: Box;
}

const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
/** Rough advance width of a character of the label font, as a fraction of the font size. */
const CHARACTER_WIDTH = 0.58;

/** Escapes text for an XML text node or attribute and drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return Array.from(text, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return isXmlCharacter(character.codePointAt(0) ?? 0) ? character : '';
    }
  }).join('');
}

/** The Char production of XML 1.0: tab, newline, carriage return and most of Unicode. */
function isXmlCharacter(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** The text drawn above a box: `"<class name> <score to 2 decimals>"`. */
export function detectionLabel(detection: DrawableDetection): string {
  return `${detection.className} ${detection.score.toFixed(2)}`;
}

/** Line width grows with the image so boxes stay visible on large photos. */
export function strokeWidthFor(size: Size): number {
  return Math.max(2, Math.round(((size.width + size.height) / 2) * 0.003));
}

/**
 * An SVG of the image's size with, per detection, the box outline drawn inside its edges, a filled
 * label background above the box (inside it when there is no room above) and the label text.
 */
export function buildDetectionOverlay(
  size: Size,
  detections: readonly DrawableDetection[],
): string {
  const stroke = strokeWidthFor(size);
  const fontSize = Math.max(12, stroke * 6);
  const padding = Math.round(fontSize * 0.25);
  const labelHeight = fontSize + 2 * padding;
  const parts = detections.map((detection) => {
    const { x1, y1, x2, y2 } = detection.box;
    const colour = classColour(detection.classIndex);
    const fill = toHex(colour);
    const text = detectionLabel(detection);
    const labelWidth = Math.ceil(text.length * fontSize * CHARACTER_WIDTH) + 2 * padding;
    const labelTop = y1 - labelHeight >= 0 ? y1 - labelHeight : y1;
    const labelLeft = Math.max(0, Math.min(x1, size.width - labelWidth));
    return [
      `<rect x="${num(x1 + stroke / 2)}" y="${num(y1 + stroke / 2)}" ` +
        `width="${num(Math.max(0, x2 - x1 - stroke))}" height="${num(Math.max(0, y2 - y1 - stroke))}" ` +
        `fill="none" stroke="${fill}" stroke-width="${stroke}"/>`,
      `<rect x="${num(labelLeft)}" y="${num(labelTop)}" width="${labelWidth}" ` +
        `height="${labelHeight}" fill="${fill}"/>`,
      `<text x="${num(labelLeft + padding)}" y="${num(labelTop + padding + fontSize * 0.8)}" ` +
        `fill="${toHex(textColourOn(colour))}">${escapeXml(text)}</text>`,
    ].join('');
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" ` +
    `viewBox="0 0 ${size.width} ${size.height}">` +
    `<g font-family="${FONT_FAMILY}" font-size="${fontSize}" shape-rendering="crispEdges">` +
    parts.join('') +
    '</g></svg>'
  );
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}
