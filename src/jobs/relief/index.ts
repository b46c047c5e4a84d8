// Public API of the built-in relief-v1 image-to-3D model.
export { generateRelief, type ReliefResult, type ReliefStats } from './relief-generator';
export {
  assertReliefParams,
  DEFAULT_RELIEF_PARAMS,
  RELIEF_PARAM_SCHEMA,
  type ReliefParams,
} from './relief-params';
export {
  RELIEF_STEP_PERCENT,
  type ReliefProgressListener,
  type ReliefStep,
  type ReliefStopCheck,
} from './relief-progress';
export { InvalidReliefInputError, ReliefCanceledError } from './relief.errors';
export { RELIEF_GENERATOR, RELIEF_MODEL_ID } from './relief-glb';
export { RELIEF_IMAGE_LIMITS } from './relief-source';
export { RELIEF_PREVIEW_SIZE } from './relief-preview';
