/**
 * The three sensor features the vehicle-quality model takes, with the bounds a measurement must lie in to be
 * accepted (the physically possible range, wider than the training range in models/vehicle-quality/MODEL_CARD.md).
 */
export const VEHICLE_FEATURES = {
  feature1: { label: 'spindle temperature', unit: '°C', min: -40, max: 200, example: 71.5 },
  feature2: { label: 'vibration RMS', unit: 'mm/s', min: 0, max: 50, example: 4.2 },
  feature3: { label: 'torque deviation', unit: '%', min: -100, max: 100, example: -1.8 },
} as const;

export type FeatureName = keyof typeof VEHICLE_FEATURES;
export const FEATURE_NAMES = Object.keys(VEHICLE_FEATURES) as FeatureName[];
