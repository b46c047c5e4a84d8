import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  StreamableFile,
  UploadedFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Public } from '../../common/auth/auth.decorators';
import { LegacyDetailDto } from '../../predictions/legacy/legacy-prediction.dto';
import { DetectionsService } from '../detections.service';
import { DetectionFieldsDto } from '../dto/detection.dto';
import { AnnotatedImages } from '../media/annotated-images';
import { ToolUpload } from '../uploads/tool-upload.interceptor';
import { uploadBody } from '../uploads/upload-body';
import type { UploadedToolFile } from '../uploads/uploaded-tool-file';
import { LegacyDetailErrors } from './legacy-detail-errors.interceptor';
import { LegacyBatchResultDto, LegacyImageResultDto } from './legacy-detection.dto';

/** The old tool-recognition service's routes, over the same services as /api/v1/detections and /media. */
@ApiTags('legacy')
@Controller()
@UseInterceptors(LegacyDetailErrors)
export class LegacyToolsController {
  constructor(
    private readonly detections: DetectionsService,
    private readonly images: AnnotatedImages,
  ) {}

  @Post('predict')
  @HttpCode(200)
  @Auth()
  @UseInterceptors(ToolUpload('image'))
  @ApiOperation({ summary: 'Legacy: check one photo against a toolkit', deprecated: true })
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody('image'))
  @ApiOkResponse({ type: LegacyImageResultDto })
  @ApiNotFoundResponse({ type: LegacyDetailDto })
  async predict(
    @UploadedFile() file: UploadedToolFile | undefined,
    @Body() fields: DetectionFieldsDto,
  ): Promise<LegacyImageResultDto> {
    const { analysis, toolkit } = await this.detections.detectOne(file, fields);
    return LegacyImageResultDto.from(analysis, toolkit.number);
  }

  @Post('predict/batch')
  @HttpCode(200)
  @Auth()
  @UseInterceptors(ToolUpload('images'))
  @ApiOperation({ summary: 'Legacy: check several photos', deprecated: true })
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody('images'))
  @ApiOkResponse({ type: LegacyBatchResultDto })
  @ApiNotFoundResponse({ type: LegacyDetailDto })
  async batch(
    @UploadedFiles() files: UploadedToolFile[] | undefined,
    @Body() fields: DetectionFieldsDto,
  ): Promise<LegacyBatchResultDto> {
    return LegacyBatchResultDto.from(await this.detections.detectMany(files, fields));
  }

  @Post('predict/zip')
  @HttpCode(200)
  @Auth()
  @UseInterceptors(ToolUpload('zip_file'))
  @ApiOperation({ summary: 'Legacy: check the photos in a ZIP', deprecated: true })
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody('zip_file'))
  @ApiOkResponse({ type: LegacyBatchResultDto })
  @ApiNotFoundResponse({ type: LegacyDetailDto })
  async zip(
    @UploadedFile() file: UploadedToolFile | undefined,
    @Body() fields: DetectionFieldsDto,
  ): Promise<LegacyBatchResultDto> {
    return LegacyBatchResultDto.from(await this.detections.detectZip(file, fields));
  }

  @Get('media/:filename')
  @Public()
  @ApiOperation({ summary: 'Legacy: an annotated photo (image_url)', deprecated: true })
  @ApiOkResponse({ content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ type: LegacyDetailDto })
  media(@Param('filename') filename: string): Promise<StreamableFile> {
    return this.images.open(filename);
  }
}
