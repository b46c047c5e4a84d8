import { Injectable } from '@nestjs/common';
import { QueueProcessor, type JobHandlers } from '../tasks/queue-processor';
import { PredictionImportService } from './import/prediction-import.service';

@Injectable()
export class PredictionsProcessor extends QueueProcessor<'predictions'> {
  readonly queueName = 'predictions';

  constructor(private readonly importer: PredictionImportService) {
    super();
  }

  protected readonly handlers: JobHandlers<'predictions'> = {
    'import-csv': (job) => this.importer.run(job),
  };
}
