/** The cache key of a seeded template database. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedParams } from '../seed/types';
import { migrationsFolder } from './migrate';

const seedFolder = fileURLToPath(new URL('../seed', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * Raised when the way a template is made changes (2: PGlite templates are checkpointed before the
 * dump; 3: without the WAL segments a copy never reads).
 */
const TEMPLATE_FORMAT = 3;

/** A hash of everything that shapes a seeded database: migrations, generator source, parameters. */
export function templateKey(params: SeedParams): string {
  const h = createHash('sha256').update(`format ${TEMPLATE_FORMAT}`);
  for (const file of [...filesUnder(migrationsFolder), ...filesUnder(seedFolder)]) {
    h.update(path.relative(path.dirname(seedFolder), file)).update(readFileSync(file));
  }
  h.update(JSON.stringify(params));
  return h.digest('hex').slice(0, 16);
}
