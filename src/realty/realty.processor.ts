import { Injectable } from '@nestjs/common';
import { QueueProcessor, type JobHandlers } from '../tasks/queue-processor';
import { PricePredictionsService } from './predictions/price-predictions.service';
import { TrainingExecutor } from './training/training-executor';

@Injectable()
export class RealtyProcessor extends QueueProcessor<'realty'> {
  readonly queueName = 'realty';

  constructor(
    private readonly training: TrainingExecutor,
    private readonly predictions: PricePredictionsService,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<'realty'> = {
    train: (job) => this.training.run(job),
    predict: (job) => this.predictions.runJob(job),
  };
}
