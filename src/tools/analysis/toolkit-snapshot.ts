import { createHash } from 'node:crypto';
import type { Toolkit } from '../entities/toolkit.entity';
import type { KitLine } from './toolkit-verdict';

/** What a toolkit holds at the moment of a check, and a fingerprint that changes whenever that does. */
export interface ToolkitSnapshot {
  id: string;
  number: number;
  lines: KitLine[];
  /** SHA-256 (hex) over every item's tool id, name, detector class and quantity, in a fixed order. */
  fingerprint: string;
}

export function snapshotOf(toolkit: Toolkit): ToolkitSnapshot {
  const lines: KitLine[] = toolkit.items.getItems().map((item) => ({
    toolId: item.tool.id,
    name: item.tool.name,
    detectorClass: item.tool.detectorClass,
    quantity: item.quantity,
  }));
  return { id: toolkit.id, number: toolkit.number, lines, fingerprint: fingerprintOf(lines) };
}

export function fingerprintOf(lines: readonly KitLine[]): string {
  const canonical = [...lines]
    .sort((a, b) => (a.toolId < b.toolId ? -1 : a.toolId > b.toolId ? 1 : 0))
    .map((line) => [line.toolId, line.name, line.detectorClass, line.quantity]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
