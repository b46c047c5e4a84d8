import { describe, expect, it } from 'vitest';
import { classColour, textColourOn, toHex } from './class-palette';

describe('classColour', () => {
  it('gives class 0 pure-hue red and is stable across calls', () => {
    expect(classColour(0)).toEqual({ r: 236, g: 19, b: 19 });
    expect(classColour(7)).toEqual(classColour(7));
  });

  it('gives the first twenty classes twenty different colours', () => {
    const colours = new Set(Array.from({ length: 20 }, (_, c) => toHex(classColour(c))));
    expect(colours.size).toBe(20);
  });

  it('produces valid 8-bit channels', () => {
    for (let c = 0; c < 100; c += 1) {
      for (const value of Object.values(classColour(c))) {
        expect(Number.isInteger(value) && value >= 0 && value <= 255).toBe(true);
      }
    }
  });
});

describe('toHex', () => {
  it('pads each channel to two digits', () => {
    expect(toHex({ r: 0, g: 15, b: 255 })).toBe('#000fff');
  });
});

describe('textColourOn', () => {
  it('picks black on light colours and white on dark ones', () => {
    expect(textColourOn({ r: 255, g: 255, b: 0 })).toEqual({ r: 0, g: 0, b: 0 });
    expect(textColourOn({ r: 20, g: 20, b: 120 })).toEqual({ r: 255, g: 255, b: 255 });
  });
});
