import type { ModelMinuteFigures } from './model-minute-figures';
import type { MinuteRef } from './minute-stats-store';

/** One model version's minute as it goes onto its "Platform models" dashboard. */
export interface PlatformPoint extends MinuteRef, ModelMinuteFigures {
  accuracy: number | null;
}

/** The dashboard a model version's points go to. */
export const platformDashboardName = (model: string, version: string): string =>
  `Platform models: ${model} ${version}`;

/**
 * Where the platform's model minutes are shown: one dashboard per model version, owned by the admin user, one
 * metric point per minute. Returns false when the point could not be written as a metric (see the adapter).
 */
export abstract class PlatformDashboards {
  abstract write(point: PlatformPoint): Promise<boolean>;
}
