import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { PriceModelVersionDto } from './models/model-version.dto';
import { RealtyStatusDto } from './realty-status.dto';
import { RealtyStatusService } from './realty-status.service';
import { TrainingRunPresenter } from './training/training-run.presenter';

@ApiTags('realty')
@Controller('api/v1/realty/status')
export class RealtyStatusController {
  constructor(
    private readonly status: RealtyStatusService,
    private readonly runs: TrainingRunPresenter,
  ) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Active model and its metrics, predictions served, last training run' })
  async get(): Promise<RealtyStatusDto> {
    const [overview, workers] = await Promise.all([this.status.overview(), this.status.workers()]);
    return {
      activeModel: overview.active ? PriceModelVersionDto.from(overview.active) : null,
      versions: overview.versions,
      predictionsServed: overview.predictionsServed,
      lastTraining: overview.lastRun ? await this.runs.one(overview.lastRun) : null,
      workers,
    };
  }
}
