import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { queueProcessorProvider } from '../tasks/queue-processor-provider';
import { HousekeepingController } from './housekeeping.controller';
import { HousekeepingProcessor } from './housekeeping.processor';
import { HousekeepingService } from './housekeeping.service';

@Module({})
export class HousekeepingModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: HousekeepingModule,
      controllers: config.servesHttpApi ? [HousekeepingController] : [],
      providers: [
        ...(config.servesHttpApi ? [HousekeepingService] : []),
        ...(config.runsWorkers
          ? [queueProcessorProvider(HousekeepingProcessor, 'housekeeping', config)]
          : []),
      ],
    };
  }
}
