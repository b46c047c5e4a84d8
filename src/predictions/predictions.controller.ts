import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { LeanRoute } from '../common/http/lean-route';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PageOf, type Page } from '../common/pagination/page.dto';
import { mapPage } from '../common/pagination/paginate';
import { CreatePredictionBatchDto, CreatePredictionDto } from './dto/create-prediction.dto';
import { MockQueryDto } from './dto/mock-query.dto';
import { PredictionQueryDto } from './dto/prediction-query.dto';
import { PredictionDto } from './dto/prediction.dto';
import { ScoreRequestDto, ScoreResponseDto } from './dto/score.dto';
import { UpdatePredictionDto } from './dto/update-prediction.dto';
import { PredictionsService } from './predictions.service';
import { TableCache } from '../platform/table-changes/table-cache';
import { VehicleQualityModel } from './vehicle-quality.model';
import { RateLimit } from '../platform/rate-limit/rate-limit.decorator';

const PredictionPage = PageOf(PredictionDto);
const WRITERS = [UserRole.Admin, UserRole.Operator];

@ApiTags('predictions')
@Controller('api/v1/predictions')
export class PredictionsController {
  constructor(
    private readonly predictions: PredictionsService,
    private readonly model: VehicleQualityModel,
    private readonly pages: TableCache,
  ) {}

  @Post('score')
  @RateLimit('inference')
  @HttpCode(200)
  @Auth()
  @LeanRoute()
  @ApiOperation({ summary: 'Score features without storing anything (the inference hot path)' })
  async score(@Body() body: ScoreRequestDto): Promise<ScoreResponseDto> {
    return this.model.score([body.feature1, body.feature2, body.feature3]);
  }

  @Post('batch')
  @RateLimit('inference')
  @Auth(...WRITERS)
  @ApiOperation({ summary: 'Predict and store up to 1000 records: one model run, one transaction' })
  async createBatch(@Body() body: CreatePredictionBatchDto): Promise<PredictionDto[]> {
    return (await this.predictions.createMany(body.items)).map((p) => PredictionDto.from(p));
  }

  @Post('mock')
  @Auth(...WRITERS)
  @ApiOperation({ summary: 'Create N plausible random records through the model (1-1000)' })
  async mock(@Query() query: MockQueryDto): Promise<PredictionDto[]> {
    return (await this.predictions.createMock(query.num_records)).map((p) => PredictionDto.from(p));
  }

  @Post()
  @Auth(...WRITERS)
  @ApiOperation({ summary: 'Predict one vehicle and store the record' })
  async create(@Body() body: CreatePredictionDto): Promise<PredictionDto> {
    const [created] = await this.predictions.createMany([body]);
    return PredictionDto.from(created);
  }

  @Get()
  @Auth()
  @LeanRoute()
  @ApiOperation({ summary: 'List predictions with filters, sorting and paging' })
  @ApiOkResponse({ type: PredictionPage })
  list(@Query() query: PredictionQueryDto): Promise<Page<PredictionDto>> {
    // Every caller sees the same predictions: one kept page per query, until the table changes.
    return this.pages.read(['predictions'], `predictions:${JSON.stringify(query)}`, async () =>
      mapPage(await this.predictions.list(query), (p) => PredictionDto.from(p)),
    );
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One prediction' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', UuidParamPipe) id: string): Promise<PredictionDto> {
    return PredictionDto.from(await this.predictions.get(id));
  }

  @Put(':id')
  @Auth(...WRITERS)
  @ApiOperation({
    summary: 'Update: changed features are predicted again; realResult records the inspection',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdatePredictionDto,
  ): Promise<PredictionDto> {
    return PredictionDto.from(await this.predictions.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth(...WRITERS)
  @ApiOperation({ summary: 'Delete a prediction' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async delete(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.predictions.delete(id);
  }
}
