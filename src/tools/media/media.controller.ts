import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { AnnotatedImages } from './annotated-images';

@ApiTags('tools')
@Controller('api/v1/media')
export class MediaController {
  constructor(private readonly images: AnnotatedImages) {}

  @Get(':key')
  @Public()
  @ApiOperation({
    summary:
      'An annotated photo (the name in annotatedImageUrl; no API key needed, names are random)',
  })
  @ApiOkResponse({ content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not a name the server issues' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('key') key: string): Promise<StreamableFile> {
    return this.images.open(key);
  }
}
