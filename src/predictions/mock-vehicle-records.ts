import type { NewPrediction } from './predictions.service';

const DAY_MS = 86_400_000;

const between = (random: () => number, min: number, max: number, decimals: number): number =>
  Number((min + random() * (max - min)).toFixed(decimals));

/**
 * Plausible measurements for demos and load tests: features drawn uniformly from inside the training ranges of
 * models/vehicle-quality/MODEL_CARD.md (40-110 °C, 0.3-9 mm/s, -15 to 15 %), an order number, and a measurement time within the last `days` days.
 */
export function mockVehicleRecords(
  count: number,
  random: () => number = Math.random,
  now = Date.now(),
  days = 30,
): NewPrediction[] {
  return Array.from({ length: count }, () => ({
    knr: `KNR-${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    date: new Date(now - Math.floor(random() * days * DAY_MS)),
    feature1: between(random, 50, 100, 1),
    feature2: between(random, 0.5, 8, 2),
    feature3: between(random, -12, 12, 2),
  }));
}
