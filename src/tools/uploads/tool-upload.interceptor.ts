import { rm } from 'node:fs/promises';
import {
  BadRequestException,
  HttpException,
  Injectable,
  PayloadTooLargeException,
  mixin,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { FileInterceptor, FilesInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { catchError, finalize, mergeMap, type Observable } from 'rxjs';
import { AppConfig } from '../../config';
import { HashingUploadStorage } from './hashing-upload-storage';
import type { UploadedToolFile } from './uploaded-tool-file';

/** The multipart field a route reads its file(s) from, as the old service named them. */
export type ToolUploadField = 'image' | 'images' | 'zip_file';

type RequestWithFiles = Request & {
  file?: UploadedToolFile;
  files?: UploadedToolFile[] | Record<string, UploadedToolFile[]>;
};

/** nginx's status for a request the client gave up on; nobody receives it. */
const CLIENT_CLOSED_REQUEST = 499;

const storedFiles = (req: RequestWithFiles): UploadedToolFile[] => [
  ...(req.file ? [req.file] : []),
  ...(Array.isArray(req.files) ? req.files : Object.values(req.files ?? {}).flat()),
];

const removeStoredFiles = (req: RequestWithFiles): Promise<unknown> =>
  Promise.all(
    storedFiles(req).map((file) =>
      file.path ? rm(file.path, { force: true }).catch(() => undefined) : undefined,
    ),
  );

/**
 * Receives the route's upload with multer, hashing each file as it arrives: up to TOOLS_MAX_IMAGE_BYTES per request
 * in memory, the rest into TOOLS_UPLOAD_DIR under random names (never the client's) — see HashingUploadStorage. Within
 * the configured limits: request bytes (refused from Content-Length before reading, and checked again on what
 * arrived), bytes per file, files per request, a few short text fields. The files are removed when the route is
 * done, whatever happened; multer itself removes what it stored for a request that failed or was cut off.
 */
export function ToolUpload(field: ToolUploadField): Type<NestInterceptor> {
  @Injectable()
  class ToolUploadInterceptor implements NestInterceptor {
    private readonly upload: NestInterceptor;
    private readonly limits: AppConfig['tools'];

    constructor(config: AppConfig) {
      this.limits = config.tools;
      const single = field !== 'images';
      const fileBytes =
        field === 'zip_file' ? this.limits.maxRequestBytes : this.limits.maxImageBytes;
      const options = {
        storage: new HashingUploadStorage(this.limits.uploadDir, this.limits.maxImageBytes),
        limits: {
          fileSize: fileBytes,
          files: single ? 1 : this.limits.maxBatchImages,
          fields: 10,
          fieldSize: 1024,
          parts: 10 + (single ? 1 : this.limits.maxBatchImages),
        },
      };
      const Upload = single
        ? FileInterceptor(field, options)
        : FilesInterceptor(field, this.limits.maxBatchImages, options);
      this.upload = new Upload({});
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = context.switchToHttp().getRequest<RequestWithFiles>();
      const max = this.limits.maxRequestBytes;
      const declared = Number(req.headers['content-length']);
      if (declared > max)
        throw new PayloadTooLargeException(`Request is ${declared} bytes; the limit is ${max}`);
      let handled: Observable<unknown>;
      try {
        handled = await this.upload.intercept(context, next);
      } catch (error) {
        await removeStoredFiles(req);
        throw this.explain(error);
      }
      const received = storedFiles(req).reduce((sum, file) => sum + file.size, 0);
      if (received > max) {
        await removeStoredFiles(req);
        throw new PayloadTooLargeException(`Files total ${received} bytes; the limit is ${max}`);
      }
      // Temp files are removed before the response goes out (so a client never sees them linger), and on unsubscribe.
      return handled.pipe(
        mergeMap(async (value) => {
          await removeStoredFiles(req);
          return value;
        }),
        catchError(async (error: unknown) => {
          await removeStoredFiles(req);
          throw error;
        }),
        finalize(() => void removeStoredFiles(req)),
      );
    }

    /** multer's terse messages, restated with the limit that applies. */
    private explain(error: unknown): unknown {
      if (error instanceof PayloadTooLargeException) {
        const limit =
          field === 'zip_file' ? this.limits.maxRequestBytes : this.limits.maxImageBytes;
        return new PayloadTooLargeException(`A file is larger than the limit of ${limit} bytes`);
      }
      if (error instanceof Error && /^Request (aborted|closed)$/.test(error.message))
        return new HttpException('Client closed request', CLIENT_CLOSED_REQUEST);
      if (error instanceof BadRequestException && error.message === 'Too many files')
        return new PayloadTooLargeException(
          `At most ${field === 'images' ? this.limits.maxBatchImages : 1} file(s) per request`,
        );
      return error;
    }
  }
  return mixin(ToolUploadInterceptor);
}
