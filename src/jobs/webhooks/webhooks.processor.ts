import { Injectable } from '@nestjs/common';
import { QueueProcessor, type JobHandlers } from '../../tasks/queue-processor';
import { WebhookDelivery } from './webhook-delivery';

@Injectable()
export class WebhooksProcessor extends QueueProcessor<'webhooks'> {
  readonly queueName = 'webhooks';

  constructor(private readonly delivery: WebhookDelivery) {
    super();
  }

  protected readonly handlers: JobHandlers<'webhooks'> = {
    'deliver-job': (job) => this.delivery.deliver(job),
  };
}
