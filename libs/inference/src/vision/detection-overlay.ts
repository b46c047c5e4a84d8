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

/** One detection's drawing: SVG elements in image pixels and the image region they cover. */
interface DetectionMarkup {
  readonly markup: string;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Per detection: the box outline drawn inside its edges, a filled label above it (inside when no room) and the label. */
function detectionMarkup(size: Size, detections: readonly DrawableDetection[]): DetectionMarkup[] {
  const stroke = strokeWidthFor(size);
  const fontSize = Math.max(12, stroke * 6);
  const padding = Math.round(fontSize * 0.25);
  const labelHeight = fontSize + 2 * padding;
  return detections.map((detection) => {
    const { x1, y1, x2, y2 } = detection.box;
    const colour = classColour(detection.classIndex);
    const fill = toHex(colour);
    const text = detectionLabel(detection);
    const labelWidth = Math.ceil(text.length * fontSize * CHARACTER_WIDTH) + 2 * padding;
    const labelTop = y1 - labelHeight >= 0 ? y1 - labelHeight : y1;
    const labelLeft = Math.max(0, Math.min(x1, size.width - labelWidth));
    const markup = [
      `<rect x="${num(x1 + stroke / 2)}" y="${num(y1 + stroke / 2)}" ` +
        `width="${num(Math.max(0, x2 - x1 - stroke))}" height="${num(Math.max(0, y2 - y1 - stroke))}" ` +
        `fill="none" stroke="${fill}" stroke-width="${stroke}"/>`,
      `<rect x="${num(labelLeft)}" y="${num(labelTop)}" width="${labelWidth}" ` +
        `height="${labelHeight}" fill="${fill}"/>`,
      `<text x="${num(labelLeft + padding)}" y="${num(labelTop + padding + fontSize * 0.8)}" ` +
        `fill="${toHex(textColourOn(colour))}">${escapeXml(text)}</text>`,
    ].join('');
    return {
      markup,
      left: Math.min(x1, labelLeft),
      top: Math.min(y1, labelTop),
      right: Math.max(x2, labelLeft + labelWidth),
      bottom: Math.max(y2, labelTop + labelHeight),
    };
  });
}

function svgDocument(width: number, height: number, fontSize: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}">` +
    `<g font-family="${FONT_FAMILY}" font-size="${fontSize}" shape-rendering="crispEdges">` +
    body +
    '</g></svg>'
  );
}

const fontSizeFor = (size: Size): number => Math.max(12, strokeWidthFor(size) * 6);

/**
 * An SVG of the image's size with, per detection, the box outline drawn inside its edges, a filled
 * label background above the box (inside it when there is no room above) and the label text.
 */
export function buildDetectionOverlay(
  size: Size,
  detections: readonly DrawableDetection[],
): string {
  const body = detectionMarkup(size, detections)
    .map((part) => part.markup)
    .join('');
  return svgDocument(size.width, size.height, fontSizeFor(size), body);
}

/** A piece of the overlay: an SVG covering `width` x `height` pixels at `left`, `top` of the image. */
export interface OverlayTile {
  readonly svg: string;
  readonly left: number;
  readonly top: number;
}

/**
 * The same drawing as {@link buildDetectionOverlay}, cut into one small SVG per detection, each only as
 * large as its box and label (clipped to the image): rendering and compositing a few small tiles costs far
 * less than one image-sized overlay on a large photo. Shifted by whole pixels, so pixels are identical.
 */
export function buildDetectionOverlayTiles(
  size: Size,
  detections: readonly DrawableDetection[],
): OverlayTile[] {
  const fontSize = fontSizeFor(size);
  return detectionMarkup(size, detections).flatMap((part) => {
    const left = Math.max(0, Math.floor(part.left));
    const top = Math.max(0, Math.floor(part.top));
    const width = Math.min(size.width, Math.ceil(part.right)) - left;
    const height = Math.min(size.height, Math.ceil(part.bottom)) - top;
    if (width <= 0 || height <= 0) return [];
    const body = `<g transform="translate(${-left} ${-top})">${part.markup}</g>`;
    return [{ svg: svgDocument(width, height, fontSize, body), left, top }];
  });
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}
