import { InferenceModule } from '@app/inference';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { ModelLoader } from './model-loader';
import { ModelSources } from './model-sources';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';

/** The ONNX models this process serves: loaded from MODELS_DIR at start into the inference registry. */
@Module({})
export class ModelsModule {
  static register(config: AppConfig): DynamicModule {
    const { intraOpThreads, interOpThreads, microBatch, ownThreadModels } = config.inference;
    return {
      module: ModelsModule,
      imports: [
        InferenceModule.forRoot({ intraOpThreads, interOpThreads, microBatch, ownThreadModels }),
      ],
      controllers: config.servesHttpApi ? [ModelsController] : [],
      providers: [ModelLoader, ModelsService, ModelSources],
      exports: [ModelsService],
    };
  }
}
