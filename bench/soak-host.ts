// The soak's kiosk host (bench/soak.ts) as a process of its own, so that its RSS is the host's alone
// and not the hall server's PGlite or Playwright's. Started with `--expose-gc`; configured by the
// SOAK_HOST environment variable (JSON); answers the parent over the IPC channel.
import { parseHostConfig, runHost } from '../host';
import type { RunHostOptions } from '../host/run-host';
import { issueECardCode } from '../server/ecard/e-card-issuer';
import { demoCards } from '../server/seed/demo-people';

/** What the parent passes in SOAK_HOST. */
export interface SoakHostInput {
  terminalId: string;
  terminalSecret: string;
  hallServerUrl: string;
  sessionTimeoutMs: number;
  rendererDir: string;
  dataDir: string;
  certification?: RunHostOptions['certification'];
}

/** A request from the parent: `memory` (after a forced GC), `session` (the host's session state), `stop`. */
export interface SoakHostRequest {
  id: number;
  op: 'memory' | 'session' | 'stop';
}

const input = JSON.parse(process.env.SOAK_HOST ?? '') as SoakHostInput;
const running = await runHost({
  config: parseHostConfig({
    terminalId: input.terminalId,
    terminalSecret: input.terminalSecret,
    hallServerUrl: input.hallServerUrl,
    sessionTimeoutMs: input.sessionTimeoutMs,
  }),
  rendererDir: input.rendererDir,
  browserMode: true,
  dataDir: input.dataDir,
  demoCards: demoCards(),
  // The parent set ECARD_SIGNING_KEY for itself and this process: the hall server verifies these.
  issueECardCode: (idNumber, name, { expired }) =>
    issueECardCode(idNumber, name, expired ? { now: new Date(Date.now() - 2 * 60_000) } : {}),
  certification: input.certification,
});

async function answer(op: SoakHostRequest['op']): Promise<unknown> {
  if (op === 'memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('soak-host needs --expose-gc');
    gc();
    return process.memoryUsage();
  }
  if (op === 'session') {
    return {
      session: await running.host.call('getSession', {}),
      cardLeft: await running.host.call('getCardLeft', {}),
    };
  }
  await running.stop();
  setImmediate(() => process.exit(0));
  return null;
}

process.on('message', (request: SoakHostRequest) => {
  answer(request.op).then(
    (value) => process.send!({ id: request.id, value }),
    (error: unknown) => process.send!({ id: request.id, error: String(error) }),
  );
});
process.send!({ ready: true, kioskUrl: running.web!.kioskUrl, simulatorUrl: running.web!.simulatorUrl });
