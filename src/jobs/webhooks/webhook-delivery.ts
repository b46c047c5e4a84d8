import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError, type Job as QueueJob } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config';
import { JobDto } from '../dto/job.dto';
import { Artifact } from '../entities/artifact.entity';
import { JobEvent } from '../entities/job-event.entity';
import { Job } from '../entities/job.entity';
import { postWebhook } from './webhook-post';
import { signWebhook } from './webhook-signature';

/** POSTs a finished job's JSON to its webhook_url, signed; a failure is recorded as a job event and retried. */
@Injectable()
export class WebhookDelivery {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  async deliver(queueJob: QueueJob<{ jobId: string }>): Promise<{ status: number }> {
    const job = await this.em.findOneOrFail(
      Job,
      { id: queueJob.data.jobId },
      { populate: ['model'] },
    );
    const secret = this.config.webhooks.secret;
    if (!job.webhookUrl || !secret)
      throw new UnrecoverableError('No webhook URL or WEBHOOK_SECRET');
    const artifacts = await this.em.find(Artifact, { job }, { orderBy: { createdAt: 'asc' } });
    const body = JSON.stringify(JobDto.from(job, artifacts));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const attempt = queueJob.attemptsMade + 1;
    let status = 0;
    let problem: string | undefined;
    try {
      status = await postWebhook(
        job.webhookUrl,
        {
          'content-type': 'application/json',
          'user-agent': 'ml-platform-webhooks',
          'x-webhook-id': randomUUID(),
          'x-webhook-timestamp': timestamp,
          'x-webhook-signature': signWebhook(secret, timestamp, body),
        },
        body,
        this.config.webhooks,
      );
      if (status < 200 || status >= 300) problem = `the receiver answered ${status}`;
    } catch (error) {
      problem = `the receiver could not be reached: ${(error as Error).message}`;
    }
    this.em.create(JobEvent, {
      job,
      type: 'webhook',
      payload: { attempt, status, ...(problem ? { error: problem } : {}) },
    });
    await this.em.flush();
    if (problem) throw new Error(`Webhook delivery failed (attempt ${attempt}): ${problem}`);
    return { status };
  }
}
