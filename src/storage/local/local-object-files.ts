import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import {
  mkdir,
  readFile,
  readdir,
  rename,
  rmdir,
  stat,
  unlink,
  writeFile,
  type FileHandle,
  open,
} from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContentDigest } from '../content-digest';
import type { ObjectKeys } from '../object-keys';
import type { ObjectSummary } from '../object-storage';
import { InvalidObjectKeyError } from '../storage.errors';

/** Stored beside each object file. */
export interface SidecarMetadata {
  contentType: string;
  size: number;
  sha256: string;
}

export interface TempFiles {
  data: string;
  metadata: string;
}

const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException).code === 'ENOENT' ||
  (error as NodeJS.ErrnoException).code === 'ENOTDIR';

/**
 * The on-disk layout of the local driver: `objects/<key>` holds content, `metadata/<key>.json` its content type
 * and checksum, `tmp/` uploads in progress. A write lands in `tmp/` and is renamed into place, so a reader sees
 * a whole object or none, and a failed write leaves nothing in `objects/`.
 */
export class LocalObjectFiles {
  readonly root: string;
  private readonly objectsDir: string;
  private readonly metadataDir: string;
  private readonly tmpDir: string;

  constructor(
    root: string,
    private readonly keys: ObjectKeys,
  ) {
    this.root = resolve(root);
    this.objectsDir = join(this.root, 'objects');
    this.metadataDir = join(this.root, 'metadata');
    this.tmpDir = join(this.root, 'tmp');
  }

  async ensureLayout(): Promise<void> {
    for (const dir of [this.objectsDir, this.metadataDir, this.tmpDir]) {
      await mkdir(dir, { recursive: true });
    }
  }

  /**
   * Writes `body` and its sidecar (`contentType` with the size and checksum of what was written) to fresh temp
   * files; the caller commits or discards them. A Buffer's checksum is known first, so both files are written at
   * once.
   */
  async writeTemp(
    body: Buffer | Readable,
    contentType: string,
  ): Promise<TempFiles & { sidecar: SidecarMetadata }> {
    const id = randomUUID();
    const temp = {
      data: join(this.tmpDir, `${id}.part`),
      metadata: join(this.tmpDir, `${id}.json`),
    };
    const writeSidecar = (sidecar: SidecarMetadata) =>
      writeFile(temp.metadata, JSON.stringify(sidecar), { flag: 'wx' });
    try {
      if (Buffer.isBuffer(body)) {
        const sidecar = { contentType, ...ContentDigest.of(body) };
        await Promise.all([writeFile(temp.data, body, { flag: 'wx' }), writeSidecar(sidecar)]);
        return { ...temp, sidecar };
      }
      const digest = new ContentDigest();
      await pipeline(body, digest, createWriteStream(temp.data, { flags: 'wx' }));
      const sidecar = { contentType, size: digest.size, sha256: digest.sha256 };
      await writeSidecar(sidecar);
      return { ...temp, sidecar };
    } catch (error) {
      await this.discard(temp);
      throw error;
    }
  }

  /**
   * Moves temp files into place: metadata first, so that an object file is never seen without it. Returns the
   * object's modification time.
   */
  async commit(temp: TempFiles, key: string): Promise<Date> {
    const [metadataPath, dataPath] = [this.metadataPath(key), this.dataPath(key)];
    try {
      // Both parents at once; then the renames, in order.
      await Promise.all(
        [metadataPath, dataPath].map((path) => mkdir(dirname(path), { recursive: true })),
      );
      await this.moveInto(temp.metadata, metadataPath);
      await this.moveInto(temp.data, dataPath);
    } catch (error) {
      await this.discard(temp);
      throw error;
    }
    const info = await stat(dataPath).catch(() => undefined);
    return info?.mtime ?? new Date();
  }

  async discard(temp: TempFiles): Promise<void> {
    await Promise.all(
      [temp.data, temp.metadata].map((path) => unlink(path).catch(() => undefined)),
    );
  }

  /** An open handle on the content, or undefined when there is none. */
  async openData(key: string): Promise<FileHandle | undefined> {
    try {
      return await open(this.dataPath(key), 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async readMetadata(key: string): Promise<SidecarMetadata | undefined> {
    try {
      return JSON.parse(await readFile(this.metadataPath(key), 'utf8')) as SidecarMetadata;
    } catch {
      return undefined;
    }
  }

  async remove(key: string): Promise<void> {
    for (const [path, root] of [
      [this.dataPath(key), this.objectsDir],
      [this.metadataPath(key), this.metadataDir],
    ]) {
      await unlink(path).catch((error: unknown) => {
        if (!isMissing(error)) throw error;
      });
      await this.pruneEmptyParents(path, root);
    }
  }

  /** Objects whose key starts with a (validated) prefix: walks only the deepest directory the prefix names. */
  async list(prefix: string): Promise<ObjectSummary[]> {
    const directory = prefix.split('/').slice(0, -1);
    const start = directory.length > 0 ? this.within(this.objectsDir, directory) : this.objectsDir;
    let entries: string[];
    try {
      entries = await readdir(start, { recursive: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const candidates = entries
      .map((entry) => [...directory, ...entry.split(sep)].join('/'))
      .filter((key) => key.startsWith(prefix) && this.keys.isValid(key));
    const summaries = await Promise.all(
      candidates.map(async (key): Promise<ObjectSummary | undefined> => {
        const info = await stat(this.dataPath(key)).catch(() => undefined);
        return info?.isFile() ? { key, size: info.size, lastModified: info.mtime } : undefined;
      }),
    );
    return summaries
      .filter((summary): summary is ObjectSummary => summary !== undefined)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Writes and removes a file in `tmp/`: the directory exists and accepts writes. */
  async probe(): Promise<void> {
    const path = join(this.tmpDir, `probe-${randomUUID()}`);
    await writeFile(path, 'ok', { flag: 'wx' });
    await unlink(path);
    await stat(this.objectsDir);
  }

  /** Temp files left by a crashed process; recent ones may belong to another process sharing the directory. */
  async removeStaleTemps(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const name of await readdir(this.tmpDir)) {
      const path = join(this.tmpDir, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && info.mtimeMs < cutoff) {
        await unlink(path).catch(() => undefined);
        removed += 1;
      }
    }
    return removed;
  }

  private dataPath(key: string): string {
    return this.within(this.objectsDir, this.keys.segmentsOf(key));
  }

  private metadataPath(key: string): string {
    return `${this.within(this.metadataDir, this.keys.segmentsOf(key))}.json`;
  }

  /** Joins validated segments under `root` and checks, once more, that the result stays inside it. */
  private within(root: string, segments: string[]): string {
    const path = resolve(root, ...segments);
    if (!path.startsWith(root + sep)) {
      throw new InvalidObjectKeyError(segments.join('/'), 'resolves outside the storage directory');
    }
    return path;
  }

  /**
   * Renames into place, its parent made just before; made again and retried when a concurrent delete pruned the
   * parent meanwhile.
   */
  private async moveInto(from: string, to: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > 1) await mkdir(dirname(to), { recursive: true });
      try {
        await rename(from, to);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 3) throw error;
      }
    }
  }

  private async pruneEmptyParents(path: string, root: string): Promise<void> {
    for (let dir = dirname(path); dir.startsWith(root + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
    }
  }
}
