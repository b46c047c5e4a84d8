import { readFile } from 'node:fs/promises';

/** The part of a detection upload the tools module reads (see HashingUploadStorage). */
export type UploadedToolFile = {
  /** The client's file name: shown back in results, never used as a path. */
  originalname: string;
  size: number;
  /** Hex SHA-256 of the bytes, computed as they arrived. */
  sha256: string;
} & (
  | { buffer: Buffer; path?: undefined }
  /** Stored under a random name in TOOLS_UPLOAD_DIR (a ZIP, or a batch past the in-memory budget). */
  | { path: string; buffer?: undefined }
);

/** The file's bytes: from memory, or read from its temp file. */
export const bytesOf = (file: UploadedToolFile): Promise<Buffer> =>
  file.buffer ? Promise.resolve(file.buffer) : readFile(file.path);
