import {
  DynamicModule,
  FactoryProvider,
  Global,
  Module,
  ModuleMetadata,
  Provider,
} from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ModelsHealthIndicator } from './health/models.health';
import { INFERENCE_OPTIONS, InferenceModuleOptions } from './inference.options';
import { ModelRegistry } from './registry/model-registry';

export interface InferenceModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: FactoryProvider<InferenceModuleOptions>['useFactory'];
  inject?: FactoryProvider['inject'];
}

const providers: Provider[] = [ModelRegistry, HealthIndicatorService, ModelsHealthIndicator];
const exported = [ModelRegistry, ModelsHealthIndicator];

/**
 * Global module providing ModelRegistry and ModelsHealthIndicator. The registry releases every
 * session when the application shuts down (onModuleDestroy).
 */
@Global()
@Module({})
export class InferenceModule {
  static forRoot(options: InferenceModuleOptions = {}): DynamicModule {
    return {
      module: InferenceModule,
      providers: [{ provide: INFERENCE_OPTIONS, useValue: options }, ...providers],
      exports: exported,
    };
  }

  static forRootAsync(options: InferenceModuleAsyncOptions): DynamicModule {
    return {
      module: InferenceModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: INFERENCE_OPTIONS,
          useFactory: options.useFactory,
          inject: options.inject ?? [],
        },
        ...providers,
      ],
      exports: exported,
    };
  }
}
