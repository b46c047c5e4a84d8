import type { ReliefStep } from './relief-progress';

/** The input image or the parameters cannot produce a relief; the message says why. */
export class InvalidReliefInputError extends Error {
  override readonly name = 'InvalidReliefInputError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `shouldStop` answered true between two steps; `afterStep` is the last step that completed. */
export class ReliefCanceledError extends Error {
  override readonly name = 'ReliefCanceledError';

  constructor(readonly afterStep: ReliefStep) {
    super(`Relief generation was canceled after the ${afterStep} step`);
  }
}
