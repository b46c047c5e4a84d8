import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { normaliseContentType } from '../media-type';
import { ObjectKeys } from '../object-keys';
import type { ObjectMetadata } from '../object-storage';
import { ObjectNotFoundError } from '../storage.errors';
import { ByteLimit } from './byte-limit';
import type { SignedObjectQueryDto } from './dto/signed-object-query.dto';
import { LocalObjectStorage } from './local-object-storage';
import { PresignedUrlSigner, type SignedObjectClaims } from './presigned-url-signer';

/** An object as a presigned GET or HEAD serves it. */
export interface ServedObject {
  metadata: ObjectMetadata;
  /** Offered in Content-Disposition when the URL names one. */
  filename?: string;
}

/**
 * Serves the local driver's presigned URLs: the signature is the credential. Verifies it (constant time), the
 * expiry and the method, then streams to or from LocalObjectStorage, enforcing the limits signed into the URL.
 */
@Injectable()
export class LocalTransferService {
  constructor(
    private readonly storage: LocalObjectStorage,
    private readonly signer: PresignedUrlSigner,
    private readonly keys: ObjectKeys,
  ) {}

  /** HEAD through a presigned GET URL. */
  async head(query: SignedObjectQueryDto): Promise<ServedObject> {
    const claims = this.authorise('GET', query);
    const metadata = await this.storage.head(claims.key);
    if (!metadata) throw new ObjectNotFoundError(claims.key);
    return { metadata, filename: this.filenameOf(claims) };
  }

  /** GET through a presigned GET URL: the content, streamed. */
  async download(query: SignedObjectQueryDto): Promise<ServedObject & { body: Readable }> {
    const claims = this.authorise('GET', query);
    const { metadata, body } = await this.storage.get(claims.key);
    return { metadata, body, filename: this.filenameOf(claims) };
  }

  /** PUT through a presigned PUT URL: Content-Type and size as signed, written atomically. */
  async upload(query: SignedObjectQueryDto, request: IncomingMessage): Promise<ObjectMetadata> {
    const claims = this.authorise('PUT', query);
    const { contentType, maxBytes } = claims;
    if (contentType === undefined || maxBytes === undefined) {
      throw new ForbiddenException('This URL does not allow uploads');
    }
    const declaredType = this.declaredContentType(request);
    if (declaredType !== contentType) {
      throw new ForbiddenException(
        `Content-Type must be ${contentType}, as signed into this URL; got ${request.headers['content-type'] ?? 'none'}`,
      );
    }
    const header = request.headers['content-length'];
    const declaredLength = header === undefined ? undefined : Number(header);
    if (claims.contentLength !== undefined && declaredLength !== claims.contentLength) {
      throw new ForbiddenException(
        `Content-Length must be ${claims.contentLength}, as signed into this URL; got ${header ?? 'none'}`,
      );
    }
    if (declaredLength !== undefined && declaredLength > maxBytes) {
      throw new PayloadTooLargeException(
        `An upload of ${declaredLength} bytes exceeds the limit of ${maxBytes} bytes`,
      );
    }
    if (request.readableEnded || (request as { _body?: boolean })._body === true) {
      // The API's JSON/form body parsers ran first; the raw bytes are gone.
      throw new UnsupportedMediaTypeException(
        `${contentType} bodies cannot be uploaded through local storage URLs`,
      );
    }
    return this.storage.put(claims.key, this.limited(request, maxBytes), { contentType });
  }

  private authorise(method: 'GET' | 'PUT', query: SignedObjectQueryDto): SignedObjectClaims {
    const claims: SignedObjectClaims = {
      method,
      key: query.key,
      expires: query.expires,
      contentType: query.contentType,
      maxBytes: query.maxBytes,
      contentLength: query.contentLength,
      filename: query.filename,
    };
    if (!this.signer.verify(claims, query.signature)) {
      const other = method === 'GET' ? 'PUT' : 'GET';
      if (this.signer.verify({ ...claims, method: other }, query.signature)) {
        throw new ForbiddenException(
          `This URL is signed for ${other === 'GET' ? 'GET and HEAD' : 'PUT'}, not ${method === 'GET' ? 'GET or HEAD' : 'PUT'}`,
        );
      }
      throw new ForbiddenException('Invalid signature: the URL is incomplete or was altered');
    }
    if (Math.floor(Date.now() / 1000) > claims.expires) {
      throw new ForbiddenException(
        `This URL expired at ${new Date(claims.expires * 1000).toISOString()}`,
      );
    }
    this.keys.assertValid(claims.key);
    return claims;
  }

  private filenameOf(claims: SignedObjectClaims): string | undefined {
    return claims.filename === undefined ? undefined : this.keys.sanitiseName(claims.filename);
  }

  private declaredContentType(request: IncomingMessage): string | undefined {
    try {
      return normaliseContentType(request.headers['content-type']);
    } catch {
      return undefined;
    }
  }

  /**
   * The request body, failing with 413 one byte past `maxBytes` (a chunked upload declares no length). On
   * failure the rest of the body is drained so the client reads the answer; an interrupted upload fails the
   * write, which then removes its temp file.
   */
  private limited(request: IncomingMessage, maxBytes: number): Readable {
    const limit = new ByteLimit(maxBytes);
    const interrupted = (): void => {
      if (!request.complete) limit.destroy(new BadRequestException('The upload was interrupted'));
    };
    request.once('error', interrupted);
    request.once('close', interrupted);
    limit.once('error', () => {
      request.unpipe(limit);
      request.resume();
    });
    return request.pipe(limit);
  }
}
