/** The whole synthetic population of a seed, person by person, in bounded memory. */
import type * as s from '../db/schema';
import { buildBundle } from './bundle';
import { demoSpecs } from './demo-specs';
import { buildEmployer, employerCount } from './employers';
import { createRng } from './prng';
import { randomPersonSpec } from './person-spec';
import type { PersonBundle, SeedParams } from './types';

/** Every employer of the seed (small: about one per 40 people). */
export function generateEmployers(params: SeedParams): (typeof s.employers.$inferInsert)[] {
  return Array.from({ length: employerCount(params.people) }, (_, i) => buildEmployer(i));
}

/** The demo people first (ids 1..n), then `params.people` synthetic people, one bundle at a time. */
export function* generatePeople(params: SeedParams): Generator<PersonBundle> {
  const specs = demoSpecs(params.asOf);
  const usedIds = new Set(specs.map((x) => x.card.idNumber));
  for (const spec of specs) yield buildBundle(spec, params.asOf, createRng(`${params.seed}:demo:${spec.id}`));
  const employers = employerCount(params.people);
  for (let i = 0; i < params.people; i++) {
    const id = specs.length + 1 + i;
    const spec = randomPersonSpec(params.seed, i, id, params.asOf, employers, usedIds);
    yield buildBundle(spec, params.asOf, createRng(`${params.seed}:rows:${i}`));
  }
}
