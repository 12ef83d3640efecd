/** Default seed parameters. */
import { todayIn } from './dates';
import type { SeedParams } from './types';

/** Synthetic people seeded into an empty demo database besides the named demo people. */
export const DEMO_POPULATION = 200;

/** The demo seed as of today in the hall's time zone. */
export function demoSeedParams(overrides: Partial<SeedParams> = {}): SeedParams {
  return { seed: 'hrss-demo', people: DEMO_POPULATION, asOf: todayIn(), ...overrides };
}
