/**
 * `tsx server/cli/register-terminal.ts --terminal KIOSK-01 [--hall demo-hall] [--location 一楼自助区]`
 * on DATABASE_URL / PGLITE_DIR. Prints the secret once; only its hash is stored.
 */
import { openDatabase } from '../db/open';
import { DEMO_HALL_ID } from '../seed/hall';
import { registerTerminal } from '../terminals/register';
import { databaseTarget, parseArgs } from './args';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const terminalId = args.terminal;
  if (!terminalId) throw new Error('usage: register-terminal --terminal ID [--hall HALL] [--location TEXT]');
  const target = databaseTarget(args);
  if (!target.url && !target.dataDir)
    throw new Error('set DATABASE_URL or PGLITE_DIR (an in-memory database would forget the terminal at once)');
  const database = await openDatabase(target);
  try {
    const secret = await registerTerminal(database.db, {
      terminalId,
      hallId: args.hall ?? DEMO_HALL_ID,
      location: args.location,
    });
    console.log(`Terminal ${terminalId} registered. Its credential (shown once): ${terminalId}.${secret}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
