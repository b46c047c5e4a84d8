import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable, type INestApplication, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueRegistry } from '../queue-registry';
import { QueueDashboardAuth } from './queue-dashboard-auth';

type BullBoard = ReturnType<typeof createBullBoard>;

/**
 * bull-board for every declared queue, behind the admin check. It is mounted while the app is built, before the
 * queue registry is filled (module init), so its queues are handed over once the application has started.
 */
@Injectable()
export class QueueDashboard implements OnApplicationBootstrap {
  private board?: BullBoard;

  constructor(
    private readonly registry: QueueRegistry,
    private readonly auth: QueueDashboardAuth,
  ) {}

  mount(app: INestApplication, path: string): void {
    const serverAdapter = new ExpressAdapter().setBasePath(path);
    this.board = createBullBoard({
      queues: [],
      serverAdapter,
      options: { uiConfig: { boardTitle: 'ML platform queues' } },
    });
    const router = serverAdapter.getRouter() as { disable?: (setting: string) => void };
    router.disable?.('x-powered-by'); // bull-board's own Express app would announce itself
    app.use(path, this.auth.middleware, router);
  }

  onApplicationBootstrap(): void {
    this.board?.replaceQueues(this.registry.all().map((queue) => new BullMQAdapter(queue)));
  }
}

/** Mounts the queue dashboard at `path`. */
export function mountQueueDashboard(app: INestApplication, path: string): void {
  app.get(QueueDashboard).mount(app, path);
}
