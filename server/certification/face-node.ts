/**
 * Descriptors of photos with face-api in Node (WASM backend), for the embedded default's demo
 * references only: the kiosk computes live descriptors in the renderer. The work runs in a child
 * process (face-describe.mjs), which keeps tfjs's memory and its module hook out of the server.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./face-describe.mjs', import.meta.url));

/** The 128-number descriptor of the one face in each photo (null where no face is found). */
export async function describePhotos(files: readonly string[]): Promise<Map<string, number[] | null>> {
  if (files.length === 0) return new Map();
  const { stdout } = await run(process.execPath, [script, ...files], {
    maxBuffer: 16 * 1024 * 1024,
    // A first start computes the demo photos' descriptors once (then cached in .data/); at a load
    // average of 25 on 2 cores the child did not finish within 120 s and `npm start` failed.
    timeout: 300_000,
  });
  const parsed = JSON.parse(stdout) as Record<string, number[] | null>;
  return new Map(files.map((f) => [f, parsed[f] ?? null]));
}
