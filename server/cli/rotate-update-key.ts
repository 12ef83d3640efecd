/**
 * `tsx server/cli/rotate-update-key.ts` on DATABASE_URL / PGLITE_DIR: retires the stored update-signing
 * key (its private half is deleted) and stores a new one, used by servers from their next start.
 * Terminals trust only the keys pinned in their configuration: ship the new public key to them
 * first (`GET /api/v1/update-keys` lists both), then rotate. Without `UPDATE_SIGNING_KEY` only.
 */
import { openDatabase } from '../db/open';
import { rotateStoredUpdateKey } from '../updates/update-key';
import { databaseTarget, parseArgs } from './args';

async function main(): Promise<void> {
  const target = databaseTarget(parseArgs(process.argv.slice(2)));
  if (!target.url && !target.dataDir) throw new Error('set DATABASE_URL or PGLITE_DIR');
  const database = await openDatabase(target);
  try {
    const { retired, keyId } = await rotateStoredUpdateKey(database.db);
    console.log(`Retired ${retired.length ? retired.join(', ') : 'no stored key'}; new update key ${keyId}.`);
    console.log('Restart the hall servers so they sign with it.');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
