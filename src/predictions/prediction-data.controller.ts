import {
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { UserRole } from '../common/auth/user-role';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { TaskDto } from '../tasks/dto/task.dto';
import { PredictionFilterDto } from './dto/prediction-query.dto';
import { QualityDto, QualityQueryDto } from './dto/quality.dto';
import { PredictionExport } from './import/prediction-export';
import {
  MAX_IMPORT_BYTES,
  PredictionImportService,
  type UploadedCsv,
} from './import/prediction-import.service';
import { PredictionQualityService } from './prediction-quality.service';
import { RateLimit } from '../platform/rate-limit/rate-limit.decorator';

/** Routes over many predictions at once: live model quality, CSV import and export. */
@ApiTags('predictions')
@Controller('api/v1/predictions')
export class PredictionDataController {
  constructor(
    private readonly quality: PredictionQualityService,
    private readonly importer: PredictionImportService,
    private readonly exporter: PredictionExport,
  ) {}

  @Get('quality')
  @Auth()
  @ApiOperation({
    summary: 'Accuracy, precision, recall, F1 and confusion matrix where the real result is known',
  })
  measure(@Query() query: QualityQueryDto): Promise<QualityDto> {
    return this.quality.measure(query);
  }

  @Get('export')
  @Auth()
  @ApiOperation({ summary: 'All predictions matching the list filters, streamed as CSV' })
  @ApiOkResponse({
    description: 'CSV with a header row',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  export(@Query() filter: PredictionFilterDto): StreamableFile {
    return new StreamableFile(this.exporter.stream(filter), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="predictions.csv"',
    });
  }

  @Post('import')
  @RateLimit('upload')
  @HttpCode(202)
  @Auth(UserRole.Admin, UserRole.Operator)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      'Import a CSV in the background (columns knr, feature1-3, optional date and real_result); follow the task',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiAcceptedResponse({ type: TaskDto })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'File larger than 10 MiB' })
  async import(
    @UploadedFile() file: UploadedCsv | undefined,
    @CurrentUser() caller: Principal,
  ): Promise<TaskDto> {
    return TaskDto.from(await this.importer.start(file, caller.userId));
  }
}
