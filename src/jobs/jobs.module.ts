import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { queueProcessorProvider } from '../tasks/queue-processor-provider';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogSeeder } from './catalog/catalog.seeder';
import { CatalogService } from './catalog/catalog.service';
import { JobParamsValidator } from './catalog/job-params.validator';
import { AiModel } from './entities/ai-model.entity';
import { Artifact } from './entities/artifact.entity';
import { JobEvent } from './entities/job-event.entity';
import { Job } from './entities/job.entity';
import { ExternalJobMonitor } from './external-job.monitor';
import { JobCreation } from './job-creation';
import { JobJournal } from './job-journal';
import { JobStream } from './job-stream';
import { JobTaskMirror } from './job-task-mirror';
import { JobUpdates } from './job-updates';
import { JobsBuiltinProcessor } from './jobs-builtin.processor';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { ReliefJobRunner } from './relief-job.runner';
import { UploadTickets } from './upload-tickets';
import { WebhookDelivery } from './webhooks/webhook-delivery';
import { WebhooksProcessor } from './webhooks/webhooks.processor';

/** Generative 3D jobs: catalogue, uploads, jobs and their artifacts and events, the built-in relief-v1 runner. */
@Module({})
export class JobsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: JobsModule,
      imports: [MikroOrmModule.forFeature([AiModel, Job, Artifact, JobEvent])],
      controllers: config.servesHttpApi ? [CatalogController, JobsController] : [],
      providers: [
        JobParamsValidator,
        CatalogSeeder,
        CatalogService,
        JobJournal,
        JobTaskMirror,
        JobUpdates,
        JobStream,
        UploadTickets,
        JobCreation,
        JobsService,
        ...(config.runsWorkers
          ? [
              ReliefJobRunner,
              queueProcessorProvider(JobsBuiltinProcessor, 'jobs-builtin', config),
              ExternalJobMonitor,
              WebhookDelivery,
              queueProcessorProvider(WebhooksProcessor, 'webhooks', config),
            ]
          : []),
      ],
    };
  }
}
