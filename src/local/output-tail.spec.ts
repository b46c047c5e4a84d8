import { describe, expect, it } from 'vitest';
import { OutputTail } from './output-tail';

describe('OutputTail', () => {
  it('keeps only the last lines, joining chunks split mid-line', () => {
    const tail = new OutputTail(2);
    tail.push('one\ntw');
    tail.push('o\n\nthree\nfour');
    expect(tail.text()).toBe('three\nfour');
    tail.push('\n');
    expect(tail.text()).toBe('three\nfour');
  });

  it('is empty before any output', () => {
    expect(new OutputTail().text()).toBe('');
  });
});
