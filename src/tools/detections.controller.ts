import {
  Body,
  Controller,
  HttpCode,
  Post,
  UploadedFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { LeanRoute } from '../common/http/lean-route';
import { DetectionsService } from './detections.service';
import { DetectionBatchDto, DetectionFieldsDto, ImageAnalysisDto } from './dto/detection.dto';
import { uploadBody } from './uploads/upload-body';
import { ToolUpload } from './uploads/tool-upload.interceptor';
import type { UploadedToolFile } from './uploads/uploaded-tool-file';

@ApiTags('tools')
@Controller('api/v1/detections')
@ApiConsumes('multipart/form-data')
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown toolkit' })
@ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Over a size limit' })
export class DetectionsController {
  constructor(private readonly detections: DetectionsService) {}

  @Post()
  @LeanRoute()
  @HttpCode(200)
  @Auth()
  @UseInterceptors(ToolUpload('image'))
  @ApiOperation({ summary: 'Check one photo against a toolkit' })
  @ApiBody(uploadBody('image'))
  async detect(
    @UploadedFile() file: UploadedToolFile | undefined,
    @Body() fields: DetectionFieldsDto,
  ): Promise<ImageAnalysisDto> {
    const { analysis, toolkit } = await this.detections.detectOne(file, fields);
    return ImageAnalysisDto.from(analysis, toolkit);
  }

  @Post('batch')
  @HttpCode(200)
  @Auth()
  @UseInterceptors(ToolUpload('images'))
  @ApiOperation({ summary: 'Check several photos; a bad one is an error entry' })
  @ApiBody(uploadBody('images'))
  async batch(
    @UploadedFiles() files: UploadedToolFile[] | undefined,
    @Body() fields: DetectionFieldsDto,
  ): Promise<DetectionBatchDto> {
    return DetectionBatchDto.from(await this.detections.detectMany(files, fields));
  }

  @Post('zip')
  @HttpCode(200)
  @Auth()
  @UseInterceptors(ToolUpload('zip_file'))
  @ApiOperation({
    summary: 'Check the photos in a ZIP; non-images and bad entries are error entries',
  })
  @ApiBody(uploadBody('zip_file'))
  async zip(
    @UploadedFile() file: UploadedToolFile | undefined,
    @Body() fields: DetectionFieldsDto,
  ): Promise<DetectionBatchDto> {
    return DetectionBatchDto.from(await this.detections.detectZip(file, fields));
  }
}
