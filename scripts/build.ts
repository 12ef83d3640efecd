// `npm run build`: the kiosk UI and the hall server's pages, each only when its inputs changed
// since its last build (`--force` rebuilds both). `npm start` uses the same stamps.
import path from 'node:path';
import { HALL_PAGES, KIOSK_UI, ensureBuilt } from './build-cache';

const root = path.resolve(import.meta.dirname, '..');
const force = process.argv.includes('--force');
for (const target of [KIOSK_UI, HALL_PAGES]) {
  if (!ensureBuilt(root, target, force)) console.log(`${target.what}: up to date`);
}
