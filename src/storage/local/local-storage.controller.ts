import {
  Controller,
  Get,
  Head,
  HttpCode,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/auth.decorators';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { SignedObjectQueryDto } from './dto/signed-object-query.dto';
import { StoredObjectDto } from './dto/stored-object.dto';
import { LocalTransferService, type ServedObject } from './local-transfer.service';
import { LOCAL_OBJECTS_ROUTE } from './signed-object-url';
import { RateLimit } from '../../platform/rate-limit/rate-limit.decorator';

/** Headers of a served object; stored content is never sniffed or run as a page of this origin. */
const objectHeaders = ({ metadata, filename }: ServedObject): Record<string, string> => ({
  'Content-Type': metadata.contentType,
  'Content-Length': String(metadata.size),
  ETag: `"${metadata.etag}"`,
  'Last-Modified': metadata.lastModified.toUTCString(),
  'Cache-Control': 'private, max-age=0',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  ...(filename ? { 'Content-Disposition': `attachment; filename="${filename}"` } : {}),
});

const SIGNATURE_REFUSED = {
  type: ErrorResponseDto,
  description: 'Signature invalid (URL altered), URL expired, or signed for another method',
};

/**
 * The presigned URLs of the local storage driver. Public: the HMAC signature in the query string is the
 * credential. Clients use the URLs the API hands out; they never build them.
 */
@ApiTags('storage')
@Public()
@Controller(LOCAL_OBJECTS_ROUTE)
export class LocalStorageController {
  constructor(private readonly transfers: LocalTransferService) {}

  // Declared before GET: Express would otherwise answer HEAD with the GET handler.
  @Head()
  @ApiOperation({ summary: 'Object metadata through a presigned download URL (local storage)' })
  @ApiOkResponse({
    description: 'Headers only',
    headers: {
      'Content-Type': { schema: { type: 'string' } },
      'Content-Length': { schema: { type: 'integer' } },
      ETag: { schema: { type: 'string' } },
    },
  })
  @ApiForbiddenResponse(SIGNATURE_REFUSED)
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such object' })
  async head(
    @Query() query: SignedObjectQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    response.set(objectHeaders(await this.transfers.head(query)));
  }

  @Get()
  @ApiOperation({ summary: 'Download an object through a presigned URL (local storage)' })
  @ApiOkResponse({
    description: 'The content, with its stored Content-Type',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiForbiddenResponse(SIGNATURE_REFUSED)
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such object' })
  async download(
    @Query() query: SignedObjectQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download = await this.transfers.download(query);
    response.set(objectHeaders(download));
    return new StreamableFile(download.body);
  }

  @Put()
  @RateLimit('upload')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upload an object through a presigned URL (local storage)',
    description:
      'Send the raw bytes with exactly the headers returned alongside the URL (Content-Type, and ' +
      'Content-Length when the URL binds one). The object appears only once fully written.',
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: StoredObjectDto, description: 'The object as stored' })
  @ApiForbiddenResponse({
    ...SIGNATURE_REFUSED,
    description: `${SIGNATURE_REFUSED.description}, or Content-Type / Content-Length other than signed`,
  })
  @ApiPayloadTooLargeResponse({
    type: ErrorResponseDto,
    description: 'Larger than the limit signed into the URL; nothing is stored',
  })
  @ApiUnsupportedMediaTypeResponse({
    type: ErrorResponseDto,
    description: 'A JSON or form body, which the API parses before this route sees it',
  })
  async upload(
    @Query() query: SignedObjectQueryDto,
    @Req() request: Request,
  ): Promise<StoredObjectDto> {
    return StoredObjectDto.from(await this.transfers.upload(query, request));
  }
}
