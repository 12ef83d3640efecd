import { PGlite } from '@electric-sql/pglite';
import { readFile } from 'node:fs/promises';
const m = async (label: string, f: () => Promise<unknown>) => { const t0 = performance.now(); const c0 = process.cpuUsage(); const r = await f(); const c = process.cpuUsage(c0); console.log(label, ((performance.now() - t0) / 1000).toFixed(2), 'wall', ((c.user + c.system) / 1e6).toFixed(2), 'cpu'); return r; };
const file = process.argv[2]!;
for (let i = 0; i < 3; i++) await m('from template', async () => { const p = await PGlite.create({ loadDataDir: new Blob([await readFile(file)]) }); await p.query('select 1'); await p.close(); });
