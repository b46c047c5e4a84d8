import { HttpException, HttpStatus } from '@nestjs/common';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

export interface ZipLimits {
  /** More entries than this and the archive is refused before any is read. */
  maxEntries: number;
  /** Reading stops (and the request fails) once the entries would inflate past this many bytes in total. */
  maxUncompressedBytes: number;
  /** One entry larger than this is reported as an error entry and not inflated. */
  maxEntryBytes: number;
}

export type ZipItem = { filename: string; bytes: Buffer } | { filename: string; error: string };

/** The archive as a whole is refused: not a ZIP, or over a limit. */
export class ZipRefusedError extends HttpException {
  constructor(message: string, status: HttpStatus = HttpStatus.BAD_REQUEST) {
    super(message, status);
  }
}

const UTF8_FLAG = 0x800;

/** Entry names are decoded here (yauzl's own decoding fails the whole archive on one unsafe name). */
const nameOf = (entry: Entry): string => {
  const raw = entry.fileName as unknown as Buffer;
  return raw.toString(entry.generalPurposeBitFlag & UTF8_FLAG ? 'utf8' : 'latin1');
};

/** A relative path without `..`, drive letters, backslashes or NUL. Such names are never used as paths anyway. */
export const isSafeEntryName = (name: string): boolean =>
  name.length > 0 &&
  !name.startsWith('/') &&
  !name.includes('\\') &&
  !name.includes('\0') &&
  !/^[A-Za-z]:/.test(name) &&
  !name.split('/').some((segment) => segment === '..');

const ZIP_OPTIONS = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: false,
  validateEntrySizes: true,
};

/** A ZIP from a file on disk or from memory. */
const open = (source: string | Buffer): Promise<ZipFile> =>
  new Promise((resolve, reject) => {
    const opened = (error: Error | null, zip: ZipFile): void =>
      error ? reject(error) : resolve(zip);
    if (typeof source === 'string') yauzl.open(source, ZIP_OPTIONS, opened);
    else yauzl.fromBuffer(source, ZIP_OPTIONS, opened);
  });

const nextEntry = (zip: ZipFile): Promise<Entry | null> =>
  new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (entry: Entry): void => (cleanup(), resolve(entry));
    const onEnd = (): void => (cleanup(), resolve(null));
    const onError = (error: Error): void => (cleanup(), reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });

/** Inflates one entry into memory, stopping as soon as it passes `maxBytes` (whatever its header said). */
const inflate = async (zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> => {
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (error, readable) => (error ? reject(error) : resolve(readable))),
  );
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new Error(`inflates past ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
};

/**
 * The files of a ZIP (on disk or in memory), one at a time, in memory: nothing is extracted to disk and entry
 * names are only reported back. Directories are skipped; unsafe names, encrypted entries and entries over the per-image limit
 * become error items without being inflated; the entry count and the running uncompressed total are checked
 * while reading, so a zip bomb stops at the limit instead of filling memory.
 */
export async function* readZipImages(
  source: string | Buffer,
  limits: ZipLimits,
): AsyncGenerator<ZipItem> {
  let zip: ZipFile;
  try {
    zip = await open(source);
  } catch {
    throw new ZipRefusedError('zip_file is not a readable ZIP archive');
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new ZipRefusedError(
        `The ZIP has ${zip.entryCount} entries; the limit is ${limits.maxEntries}`,
        HttpStatus.PAYLOAD_TOO_LARGE,
      );
    let total = 0;
    for (;;) {
      let entry: Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch (error) {
        throw new ZipRefusedError(`The ZIP is damaged: ${(error as Error).message}`);
      }
      if (!entry) return;
      const filename = nameOf(entry);
      if (filename.endsWith('/')) continue;
      if (!isSafeEntryName(filename)) {
        yield { filename, error: 'Unsafe entry name (absolute, drive or ".." path); skipped' };
        continue;
      }
      if (entry.isEncrypted()) {
        yield { filename, error: 'Encrypted entries are not supported' };
        continue;
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        yield {
          filename,
          error: `Entry inflates to ${entry.uncompressedSize} bytes; the limit per image is ${limits.maxEntryBytes}`,
        };
        continue;
      }
      if (total + entry.uncompressedSize > limits.maxUncompressedBytes)
        throw new ZipRefusedError(
          `The ZIP inflates past ${limits.maxUncompressedBytes} bytes; reading stopped at "${filename}"`,
          HttpStatus.PAYLOAD_TOO_LARGE,
        );
      try {
        const bytes = await inflate(zip, entry, entry.uncompressedSize);
        total += bytes.length;
        yield { filename, bytes };
      } catch (error) {
        yield { filename, error: `Entry could not be read: ${(error as Error).message}` };
      }
    }
  } finally {
    zip.close();
  }
}
