import { ReliefCanceledError } from './relief.errors';

/** Steps of a relief generation and the progress percentage reached when each completes. */
export const RELIEF_STEP_PERCENT = {
  decode: 10,
  heights: 30,
  mesh: 60,
  glb: 80,
  preview: 95,
  done: 100,
} as const;

export type ReliefStep = keyof typeof RELIEF_STEP_PERCENT;

export type ReliefProgressListener = (percent: number, step: ReliefStep) => void | Promise<void>;

/** Asked between steps; answering true cancels the generation. */
export type ReliefStopCheck = () => boolean | Promise<boolean>;

/** Reports each completed step, then asks whether to stop before the next one begins. */
export class ReliefStepReporter {
  constructor(
    private readonly onProgress?: ReliefProgressListener,
    private readonly shouldStop?: ReliefStopCheck,
  ) {}

  /** @throws ReliefCanceledError when `shouldStop` answers true after a step other than `done`. */
  async completed(step: ReliefStep): Promise<void> {
    await this.onProgress?.(RELIEF_STEP_PERCENT[step], step);
    if (step !== 'done' && (await this.shouldStop?.()) === true) {
      throw new ReliefCanceledError(step);
    }
  }
}
