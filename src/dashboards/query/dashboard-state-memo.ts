import { ExpiringLru } from '../../common/cache/expiring-lru';

/** What the cache knows of a dashboard: its data generation, and its owner once a query has read it. */
export interface DashboardCacheState {
  generation: string;
  ownerId: string | null;
}

/**
 * Dashboards' cache states remembered in this process, so that a cache hit needs no Redis round trip. Correct only
 * while every change is heard: the owner of this memo feeds it the dashboards whose state changed (`drop`, from the
 * invalidation channel and from this process's own changes) and the channel's health (`up`, `down`). While the
 * channel is down nothing is remembered. A state read from Redis is remembered only if nothing was dropped and the
 * channel did not go down while it was being read (`begin` returns the token that `remember` checks), so a read that
 * raced an invalidation never outlives it. Entries also expire after `maxAgeMs`; beyond `maxEntries` the oldest go.
 */
export class DashboardStateMemo {
  private readonly states: ExpiringLru<DashboardCacheState>;
  private epoch = 0;
  private live = false;

  constructor(maxAgeMs: number, maxEntries: number, now: () => number = Date.now) {
    this.states = new ExpiringLru({ maxWeight: maxEntries, ttlMs: maxAgeMs, now });
  }

  get(dashboardId: string): DashboardCacheState | null {
    return (this.live && this.states.get(dashboardId)) || null;
  }

  /** Taken before reading a state from Redis; `remember` keeps it only if the token is still current. */
  begin(): number {
    return this.epoch;
  }

  remember(dashboardId: string, state: DashboardCacheState, token: number): void {
    if (this.live && token === this.epoch) this.states.set(dashboardId, state);
  }

  /** These dashboards' states changed (new data, deleted): forgotten, and reads under way are not remembered. */
  drop(dashboardIds: Iterable<string>): void {
    this.epoch++;
    for (const id of dashboardIds) this.states.delete(id);
  }

  /** The invalidation channel is heard from now on. */
  up(): void {
    this.epoch++;
    this.live = true;
  }

  /** The invalidation channel is lost: changes may go unheard, so everything is forgotten. */
  down(): void {
    this.epoch++;
    this.live = false;
    this.states.clear();
  }
}
