import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { UserRole } from '../../common/auth/user-role';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { UuidParamPipe } from '../../common/http/uuid-param.pipe';
import { PageOf, type Page } from '../../common/pagination/page.dto';
import { mapPage } from '../../common/pagination/paginate';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { CreateDatasetRowsDto, DatasetDto, DatasetUploadFieldsDto } from './dataset.dto';
import { DatasetsService, type UploadedDatasetFile } from './datasets.service';

const DatasetPage = PageOf(DatasetDto);

/** House datasets: upload (CSV or JSON rows), list, inspect schema and statistics. */
@ApiTags('realty')
@Controller('api/v1/realty/datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  @Post()
  @Auth(UserRole.Admin, UserRole.Operator)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Upload a CSV (header row; numeric and categorical columns, a numeric target): typed, summarised, stored',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        name: { type: 'string', example: 'my-houses' },
        target: { type: 'string', example: 'price' },
      },
    },
  })
  @ApiCreatedResponse({ type: DatasetDto })
  @ApiPayloadTooLargeResponse({
    type: ErrorResponseDto,
    description: 'More than REALTY_MAX_UPLOAD_BYTES or REALTY_MAX_ROWS',
  })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'A bad target value' })
  async upload(
    @UploadedFile() file: UploadedDatasetFile | undefined,
    @Body() fields: DatasetUploadFieldsDto,
    @CurrentUser() caller: Principal,
  ): Promise<DatasetDto> {
    return DatasetDto.from(await this.datasets.createFromCsv(file, fields, caller.userId));
  }

  @Post('rows')
  @Auth(UserRole.Admin, UserRole.Operator)
  @ApiOperation({ summary: 'Create a dataset from JSON rows' })
  @ApiCreatedResponse({ type: DatasetDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'A bad target value' })
  async createFromRows(
    @Body() body: CreateDatasetRowsDto,
    @CurrentUser() caller: Principal,
  ): Promise<DatasetDto> {
    const dataset = await this.datasets.createFromRows(body.rows, {
      name: body.name ?? 'rows',
      origin: 'json',
      target: body.target,
      ownerId: caller.userId,
    });
    return DatasetDto.from(dataset);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Datasets, newest first' })
  @ApiOkResponse({ type: DatasetPage })
  async list(@Query() query: PageQueryDto): Promise<Page<DatasetDto>> {
    return mapPage(await this.datasets.list(query), (d) => DatasetDto.from(d));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'A dataset: schema, missing values and statistics per column' })
  async get(@Param('id', UuidParamPipe) id: string): Promise<DatasetDto> {
    return DatasetDto.from(await this.datasets.get(id));
  }
}
