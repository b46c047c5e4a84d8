import { Injectable } from '@nestjs/common';
import { ToolkitsService } from '../toolkits.service';
import { CatalogueGeneration } from './catalogue-generation';
import { snapshotOf, type ToolkitSnapshot } from './toolkit-snapshot';

interface Copy {
  generation: string;
  snapshot: ToolkitSnapshot;
  madeAt: number;
}

/** Even a generation that was never advanced (a failed Redis write) does not keep a copy longer than this. */
const MAX_AGE_MS = 60_000;
const MAX_COPIES = 1_000;

/**
 * Toolkit snapshots by reference (number or id), kept in memory while the catalogue generation is unchanged: a
 * detection answered from the cache then costs two Redis reads and no database query. The generation is read
 * before the database, so a copy can never be newer-labelled than its contents.
 */
@Injectable()
export class ToolkitSnapshots {
  private readonly copies = new Map<string, Copy>();

  constructor(
    private readonly toolkits: ToolkitsService,
    private readonly generation: CatalogueGeneration,
  ) {}

  /** @throws NotFoundException for an unknown toolkit. */
  async get(reference: string): Promise<ToolkitSnapshot> {
    const generation = await this.generation.current();
    const now = Date.now();
    const copy = this.copies.get(reference);
    if (
      generation !== undefined &&
      copy?.generation === generation &&
      now - copy.madeAt < MAX_AGE_MS
    )
      return copy.snapshot;
    const snapshot = snapshotOf(await this.toolkits.getByReference(reference));
    if (generation !== undefined) {
      if (this.copies.size >= MAX_COPIES) this.copies.clear();
      this.copies.set(reference, { generation, snapshot, madeAt: now });
    }
    return snapshot;
  }
}
