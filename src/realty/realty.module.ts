import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { AppConfig } from '../config';
import { queueProcessorProvider } from '../tasks/queue-processor-provider';
import { DatasetStore } from './datasets/dataset-store';
import { DatasetsController } from './datasets/datasets.controller';
import { DatasetsService } from './datasets/datasets.service';
import { DemoDatasetSeeder } from './datasets/demo-dataset.seeder';
import { RealtyModelVersion } from './entities/model-version.entity';
import { RealtyDataset } from './entities/realty-dataset.entity';
import { TrainingRun } from './entities/training-run.entity';
import { LegacyRealtyController } from './legacy/legacy-realty.controller';
import { LegacyRealtyService } from './legacy/legacy-realty.service';
import { LegacyRealtyStatus } from './legacy/legacy-realty-status';
import { ModelVersionsController } from './models/model-versions.controller';
import { ModelVersionsService } from './models/model-versions.service';
import { PriceModels } from './models/price-models';
import { PriceCache } from './predictions/price-cache';
import { PricePredictionsController } from './predictions/price-predictions.controller';
import { PricePredictionsService } from './predictions/price-predictions.service';
import { RealtyStatusController } from './realty-status.controller';
import { RealtyStatusService } from './realty-status.service';
import { RealtyProcessor } from './realty.processor';
import { RegressionTrainer } from './training/regression-trainer';
import { TaskWaiter } from './training/task-waiter';
import { TrainingExecutor } from './training/training-executor';
import { TrainingRunPresenter } from './training/training-run.presenter';
import { TrainingRunsController } from './training/training-runs.controller';
import { TrainingRunsService } from './training/training-runs.service';

/** House prices: datasets, training runs in the background, model versions, predictions, legacy routes. */
@Module({})
export class RealtyModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: RealtyModule,
      imports: [
        MikroOrmModule.forFeature([RealtyDataset, TrainingRun, RealtyModelVersion]),
        MulterModule.register({ limits: { fileSize: config.realty.maxUploadBytes, files: 1 } }),
      ],
      controllers: config.servesHttpApi
        ? [
            DatasetsController,
            TrainingRunsController,
            ModelVersionsController,
            PricePredictionsController,
            RealtyStatusController,
            LegacyRealtyController,
          ]
        : [],
      providers: [
        DatasetStore,
        DatasetsService,
        DemoDatasetSeeder,
        TrainingRunsService,
        TrainingRunPresenter,
        TaskWaiter,
        PriceModels,
        ModelVersionsService,
        PriceCache,
        PricePredictionsService,
        RealtyStatusService,
        LegacyRealtyService,
        LegacyRealtyStatus,
        ...(config.runsWorkers
          ? [
              RegressionTrainer,
              TrainingExecutor,
              queueProcessorProvider(RealtyProcessor, 'realty', config),
            ]
          : []),
      ],
    };
  }
}
