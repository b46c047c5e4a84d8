import { Injectable } from '@nestjs/common';
import { QueueProcessor, type JobHandlers } from '../tasks/queue-processor';
import { PlatformMetricsCollector } from './platform-metrics.collector';

@Injectable()
export class PlatformMetricsProcessor extends QueueProcessor<'platform-metrics'> {
  readonly queueName = 'platform-metrics';

  constructor(private readonly collector: PlatformMetricsCollector) {
    super();
  }

  protected readonly handlers: JobHandlers<'platform-metrics'> = {
    'collect-model-minutes': () => this.collector.collect(),
  };
}
