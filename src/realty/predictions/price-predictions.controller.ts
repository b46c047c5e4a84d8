import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { TaskDto } from '../../tasks/dto/task.dto';
import { PricePredictionRequestDto, PricePredictionsDto } from './price-prediction.dto';
import { PricePredictionsService } from './price-predictions.service';

@ApiTags('realty')
@Controller('api/v1/realty/predictions')
export class PricePredictionsController {
  constructor(private readonly predictions: PricePredictionsService) {}

  @Post()
  @HttpCode(200)
  @Auth()
  @ApiOperation({
    summary:
      'Rows → prices with the active (or a named) model version; large batches or async=true → 202 with a task',
  })
  @ApiOkResponse({ type: PricePredictionsDto })
  @ApiAcceptedResponse({ type: TaskDto, description: 'The prices come in the task result' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'No model is active yet' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'A row misses a feature or has a wrong type (details name row and column)',
  })
  async predict(
    @Body() body: PricePredictionRequestDto,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PricePredictionsDto | TaskDto> {
    const answer = await this.predictions.predict(body, caller.userId);
    if (answer.prices) return answer.prices;
    response.status(202);
    return TaskDto.from(answer.task);
  }
}
