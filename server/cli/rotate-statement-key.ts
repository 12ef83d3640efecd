/**
 * `tsx server/cli/rotate-statement-key.ts` on DATABASE_URL / PGLITE_DIR: retires the stored statement
 * signing key (its private half is deleted, its public half kept so older statements still verify)
 * and stores a new one, used by servers from their next start. Without `STATEMENT_SIGNING_KEY` only;
 * with it, change the env key instead (its public half is kept automatically).
 */
import { openDatabase } from '../db/open';
import { rotateStoredStatementKey } from '../statements/signer';
import { databaseTarget, parseArgs } from './args';

async function main(): Promise<void> {
  const target = databaseTarget(parseArgs(process.argv.slice(2)));
  if (!target.url && !target.dataDir) throw new Error('set DATABASE_URL or PGLITE_DIR');
  const database = await openDatabase(target);
  try {
    const { retired, keyId } = await rotateStoredStatementKey(database.db);
    console.log(`Retired ${retired.length ? retired.join(', ') : 'no stored key'}; new statement key ${keyId}.`);
    console.log('Restart the hall servers so they sign with it.');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
