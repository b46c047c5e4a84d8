import { Injectable } from '@nestjs/common';
import { QueueProcessor, type JobHandlers } from '../../tasks/queue-processor';
import { MetricRollupWriter } from './metric-rollup-writer';

@Injectable()
export class MetricRollupsProcessor extends QueueProcessor<'dashboards'> {
  readonly queueName = 'dashboards';

  constructor(private readonly rollups: MetricRollupWriter) {
    super();
  }

  protected readonly handlers: JobHandlers<'dashboards'> = {
    'roll-up-metrics': () => this.rollups.rollUpRecent(),
  };
}
