export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Hue step between consecutive classes: the golden angle keeps neighbouring classes far apart. */
const GOLDEN_ANGLE_DEGREES = 137.508;

/** A saturated colour for a class index; the same index always gets the same colour. */
export function classColour(classIndex: number): Rgb {
  const hue = (((classIndex * GOLDEN_ANGLE_DEGREES) % 360) + 360) % 360;
  return hslToRgb(hue, 0.85, 0.5);
}

/** `#rrggbb` */
export function toHex(colour: Rgb): string {
  return `#${[colour.r, colour.g, colour.b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Black or white, whichever reads better on `background`. */
export function textColourOn(background: Rgb): Rgb {
  const luminance = 0.299 * background.r + 0.587 * background.g + 0.114 * background.b;
  return luminance > 150 ? { r: 0, g: 0, b: 0 } : { r: 255, g: 255, b: 255 };
}

function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number): number => {
    const k = (n + hue / 30) % 12;
    const value = lightness - (chroma / 2) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255);
  };
  return { r: channel(0), g: channel(8), b: channel(4) };
}
