import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { isUuid } from '@app/database';
import { Auth, Public } from '../../common/auth/auth.decorators';
import { UserRole } from '../../common/auth/user-role';
import { LegacyHttpException } from '../../common/errors/legacy-http.exception';
import { MockQueryDto } from '../dto/mock-query.dto';
import { PredictionsService } from '../predictions.service';
import { VehicleQualityModel } from '../vehicle-quality.model';
import {
  LegacyDetailDto,
  LegacyMessageDto,
  LegacyModelHealthDto,
  LegacyPageQueryDto,
  LegacyPredictionDto,
  LegacyPredictionUpdateDto,
} from './legacy-prediction.dto';
import { RateLimit } from '../../platform/rate-limit/rate-limit.decorator';

const NOT_FOUND = (): LegacyHttpException =>
  new LegacyHttpException({ detail: 'Prediction not found' }, 404);
/** A fixed, typical vehicle used by the model health check. */
const PROBE: readonly [number, number, number] = [70, 4, 0];

/** The old vehicle-quality service's routes, exactly as its clients call them, over the same services. */
@ApiTags('legacy')
@Controller()
export class LegacyPredictionsController {
  constructor(
    private readonly predictions: PredictionsService,
    private readonly model: VehicleQualityModel,
  ) {}

  /** Runs `work` on a prediction id; unknown or malformed ids answer the old 404 body. */
  private async withPrediction<T>(id: string, work: () => Promise<T>): Promise<T> {
    if (!isUuid(id)) throw NOT_FOUND();
    try {
      return await work();
    } catch (error) {
      if (error instanceof NotFoundException) throw NOT_FOUND();
      throw error;
    }
  }

  @Post('mock')
  @HttpCode(200)
  @Auth(UserRole.Admin, UserRole.Operator)
  @ApiOperation({ summary: 'Legacy: insert N random records', deprecated: true })
  async mock(@Query() query: MockQueryDto): Promise<LegacyMessageDto> {
    const created = await this.predictions.createMock(query.num_records);
    return { message: `${created.length} records inserted successfully.` };
  }

  @Get('predictions')
  @Auth()
  @ApiOperation({ summary: 'Legacy: list predictions (skip, limit)', deprecated: true })
  @ApiOkResponse({ type: [LegacyPredictionDto] })
  async list(@Query() query: LegacyPageQueryDto): Promise<LegacyPredictionDto[]> {
    const page = await this.predictions.list({
      skip: query.skip,
      limit: query.limit,
      sort: 'createdAt',
      order: 'asc',
      includeTotal: false,
    });
    return page.items.map((p) => LegacyPredictionDto.from(p));
  }

  @Get('prediction_id/:id')
  @Auth()
  @ApiOperation({ summary: 'Legacy: one prediction', deprecated: true })
  @ApiOkResponse({ type: LegacyPredictionDto })
  @ApiNotFoundResponse({ type: LegacyDetailDto })
  get(@Param('id') id: string): Promise<LegacyPredictionDto> {
    return this.withPrediction(id, async () =>
      LegacyPredictionDto.from(await this.predictions.get(id)),
    );
  }

  @Put('predictions/:id')
  @Auth(UserRole.Admin, UserRole.Operator)
  @ApiOperation({ summary: 'Legacy: update features and/or results', deprecated: true })
  @ApiOkResponse({ type: LegacyPredictionDto })
  @ApiNotFoundResponse({ type: LegacyDetailDto })
  update(
    @Param('id') id: string,
    @Body() body: LegacyPredictionUpdateDto,
  ): Promise<LegacyPredictionDto> {
    return this.withPrediction(id, async () => {
      const updated = await this.predictions.update(id, {
        knr: body.KNR,
        date: body.Date,
        feature1: body.Feature1,
        feature2: body.Feature2,
        feature3: body.Feature3,
        realResult: body.Real_result,
      });
      return LegacyPredictionDto.from(updated);
    });
  }

  @Delete('predictions/:id')
  @Auth(UserRole.Admin, UserRole.Operator)
  @ApiOperation({ summary: 'Legacy: delete a prediction', deprecated: true })
  @ApiOkResponse({ type: LegacyDetailDto })
  @ApiNotFoundResponse({ type: LegacyDetailDto })
  delete(@Param('id') id: string): Promise<LegacyDetailDto> {
    return this.withPrediction(id, async () => {
      await this.predictions.delete(id);
      return { detail: 'Prediction deleted' };
    });
  }

  @Get('healthcheck/model')
  @RateLimit('exempt')
  @Public()
  @ApiOperation({ summary: 'Legacy: the model answers a probe prediction', deprecated: true })
  @ApiOkResponse({ type: LegacyModelHealthDto })
  @ApiServiceUnavailableResponse({ type: LegacyDetailDto })
  async modelHealth(): Promise<LegacyModelHealthDto> {
    try {
      const verdict = await this.model.score(PROBE);
      return { status: 'ok', prediction: verdict.probability };
    } catch {
      throw new LegacyHttpException({ status: 'error', detail: 'Model not loaded' }, 503);
    }
  }
}
