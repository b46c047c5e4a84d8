import { Processor } from '@nestjs/bullmq';
import { QueueProcessor, type JobHandlers } from '../../tasks/queue-processor';
import { WebhookDelivery } from './webhook-delivery';

@Processor('webhooks')
export class WebhooksProcessor extends QueueProcessor<'webhooks'> {
  readonly queueName = 'webhooks';

  constructor(private readonly delivery: WebhookDelivery) {
    super();
  }

  protected readonly handlers: JobHandlers<'webhooks'> = {
    'deliver-job': (job) => this.delivery.deliver(job),
  };
}
