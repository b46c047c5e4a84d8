// The PRNG lives with the trainers; this path stays for the specs and bench/ that import it from here.
export { SeededRandom } from '../training/seeded-random';
