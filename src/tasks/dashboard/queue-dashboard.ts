import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { QueueRegistry } from '../queue-registry';
import { QueueDashboardAuth } from './queue-dashboard-auth';

/** Mounts bull-board for every declared queue at `path`, behind the admin check. */
export function mountQueueDashboard(app: INestApplication, path: string): void {
  const serverAdapter = new ExpressAdapter().setBasePath(path);
  createBullBoard({
    queues: app
      .get(QueueRegistry)
      .all()
      .map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'ML platform queues' } },
  });
  app.use(path, app.get(QueueDashboardAuth).middleware, serverAdapter.getRouter());
}
