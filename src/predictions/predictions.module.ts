import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { queueProcessorProvider } from '../tasks/queue-processor-provider';
import { DemoPredictionsSeeder } from './demo-predictions.seeder';
import { Prediction } from './entities/prediction.entity';
import { ImportCompletion } from './import/import-completion.entity';
import { PredictionBatchWriter } from './import/prediction-batch-writer';
import { PredictionExport } from './import/prediction-export';
import { PredictionImportService } from './import/prediction-import.service';
import { LegacyPredictionsController } from './legacy/legacy-predictions.controller';
import { PredictionDataController } from './prediction-data.controller';
import { PredictionQualityService } from './prediction-quality.service';
import { PredictionsController } from './predictions.controller';
import { PredictionsProcessor } from './predictions.processor';
import { PredictionsService } from './predictions.service';
import { VehicleQualityModel } from './vehicle-quality.model';

/** Vehicle quality predictions: the first product module. */
@Module({})
export class PredictionsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: PredictionsModule,
      imports: [MikroOrmModule.forFeature([Prediction, ImportCompletion])],
      // PredictionDataController first: its GET /quality and /export must win over GET /:id.
      controllers: config.servesHttpApi
        ? [PredictionDataController, PredictionsController, LegacyPredictionsController]
        : [],
      providers: [
        VehicleQualityModel,
        PredictionsService,
        PredictionQualityService,
        PredictionImportService,
        PredictionBatchWriter,
        PredictionExport,
        DemoPredictionsSeeder,
        ...(config.runsWorkers
          ? [queueProcessorProvider(PredictionsProcessor, 'predictions', config)]
          : []),
      ],
      exports: [PredictionsService, VehicleQualityModel],
    };
  }
}
