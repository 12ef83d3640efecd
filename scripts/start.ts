// `npm start`: the embedded default on one box. A hall server on loopback over PGlite with
// synthetic demo people, a kiosk host with every device simulated, the kiosk UI (Electron
// when its binary is installed, otherwise browser mode), and the device simulator page.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseHostConfig, runHost } from '../host';
import { createServer } from 'node:net';
import { HALL_PAGES, KIOSK_UI, ensureBuilt } from './build-cache';
import {
  DEMO_HALL_ID,
  DEMO_HALL_NAME_EN,
  demoCards,
  demoHallProfile,
  demoStaff,
  demoStaffCredentials,
  hallProfileFromEnv,
  startHallServer,
  type HallServer,
} from '../server';
import { certificationConfigFromEnv } from '../server/certification/config';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.data');
const rendererDir = path.join(root, 'dist/renderer');
const TERMINAL_ID = 'KIOSK-DEMO-01';

function electronBinary(): string | null {
  // Not require('electron'): Electron 45's index.js starts a download when the binary is missing.
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const bin = path.join(dir, 'dist', readFileSync(path.join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function chromium(): string | null {
  for (const bin of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (existsSync(bin)) return bin;
  return null;
}

function build(config: string, what: string): void {
  console.log(`Building ${what} ...`);
  const result = spawnSync('npx', ['--yes', 'vite', 'build', '--config', config, '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`Building ${what} failed.`);
}

/** Where staff go, and the demo sign-ins (all synthetic, also in README.md). */
function printStaffAccess(hallUrl: string): void {
  console.log(`Staff console:          ${hallUrl}/staff`);
  console.log(`Hall display:           ${hallUrl}/display?hall=${DEMO_HALL_ID}`);
  console.log(`SMS simulator page:     ${hallUrl}/sim/sms  (messages the hall server sent)`);
  console.log('Demo staff (console password / kiosk maintenance PIN; maintenance: tap the emblem 5 times):');
  for (const s of demoStaff) {
    const credentials = demoStaffCredentials[s.id]!;
    console.log(`  ${s.id} ${s.name} ${s.role.padEnd(10)} ${credentials.password} / ${credentials.pin}`);
  }
}

/** A free loopback port, so the hall's public address is known before the server starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Where 缴费 goes: the channel simulator (its phone page opens from the QR the kiosk shows) or a real channel. */
function printPaymentChannel(channel: HallServer['paymentChannel']): void {
  if (!channel) return;
  if (!channel.simulated) {
    console.log(`Payment channel:        ${channel.url}  (PAYMENT_PROVIDER_URL)`);
    return;
  }
  console.log(
    `Payment channel:        ${channel.url}  (simulator: no real money; set PAYMENT_PROVIDER_URL for a channel)`,
  );
  console.log(
    `  Phone page:           ${channel.url}/qr/<order>  (open the link of the QR the kiosk shows, then 确认支付 / 模拟余额不足 / 取消)`,
  );
  console.log(
    "  Payment code:         the device simulator page's 手机付款 buttons (付款成功, 输密码后成功, 余额不足, …)",
  );
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  // Built only when their sources changed since the last build (KIOSK_REBUILD=1 forces it).
  for (const target of [KIOSK_UI, HALL_PAGES]) ensureBuilt(root, target, process.env.KIOSK_REBUILD === '1');
  const port = process.env.PORT_SERVER ? Number(process.env.PORT_SERVER) : await freePort();
  // Every printed link (ticket, certification receipt, statement) names the hall's public address;
  // in the demo that is this server unless PUBLIC_BASE_URL says where phones reach it.
  const publicBaseUrl = process.env.PUBLIC_BASE_URL || `http://127.0.0.1:${port}`;
  const hall = await startHallServer({
    url: process.env.DATABASE_URL,
    dataDir: process.env.DATABASE_URL ? undefined : path.join(dataDir, 'pglite'),
    port,
    seedIfEmpty: true,
    // The hall's name and addresses are configuration (HALL_NAME, HALL_ADDRESS, …), the demo's by default.
    hall: { ...demoHallProfile, ...hallProfileFromEnv(process.env) },
    hallNameEn: process.env.HALL_NAME_EN?.trim() || DEMO_HALL_NAME_EN,
    publicBaseUrl,
    // The simulator page may enrol a webcam face as a demo retiree's reference.
    certification: { ...certificationConfigFromEnv(process.env), simulatorRoutes: true },
  });
  console.log(`Hall server:            ${hall.url}  (API description at /openapi.json)`);
  console.log(`Printed links use:      ${publicBaseUrl}  (set PUBLIC_BASE_URL to the address phones reach)`);
  printStaffAccess(hall.url);
  printPaymentChannel(hall.paymentChannel);
  const terminalSecret = await hall.registerTerminal({ terminalId: TERMINAL_ID });
  const config = parseHostConfig({ terminalId: TERMINAL_ID, terminalSecret, hallServerUrl: hall.url });
  const cards = demoCards();

  const electron = electronBinary();
  if (electron) {
    const configPath = path.join(dataDir, 'kiosk.json');
    writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
    build('electron/vite.config.ts', 'the Electron shell');
    const child = spawn(electron, [root], {
      stdio: 'inherit',
      env: { ...process.env, KIOSK_CONFIG: configPath, KIOSK_DEMO_CARDS: JSON.stringify(cards) },
    });
    child.on('exit', (code) => {
      void hall.close().then(() => process.exit(code ?? 0));
    });
    return;
  }

  console.log(
    'No Electron binary here (get it with `npm run electron:install`; ELECTRON_MIRROR names a mirror): opening the kiosk in browser mode.',
  );
  const running = await runHost({
    config,
    rendererDir,
    browserMode: true,
    demoCards: cards,
    // The simulator page's e-card buttons get fresh codes from the hall server's issuer; an
    // expired one was issued two minutes ago.
    issueECardCode: (idNumber, name, { expired }) =>
      hall.issueECardCode(idNumber, name, expired ? { now: new Date(Date.now() - 2 * 60_000) } : {}),
    port: process.env.PORT_KIOSK ? Number(process.env.PORT_KIOSK) : undefined,
  });
  const kioskUrl = running.web!.kioskUrl;
  console.log(`Kiosk UI:               ${kioskUrl}`);
  console.log(`Device simulator page:  ${running.web!.simulatorUrl}`);
  const browser = chromium();
  const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  if (browser && display && process.env.KIOSK_NO_BROWSER !== '1') {
    const profile = path.join(dataDir, 'chromium-profile');
    const flags = [
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
      '--disable-component-update',
      `--user-data-dir=${profile}`,
    ];
    spawn(browser, [...flags, `--app=${kioskUrl}`, '--window-size=1920,1080', '--use-fake-ui-for-media-stream'], {
      stdio: 'ignore',
      detached: true,
    }).unref();
    spawn(browser, [...flags, running.web!.simulatorUrl!], { stdio: 'ignore', detached: true }).unref();
    console.log('Opened both in Chromium.');
  } else {
    console.log(
      browser
        ? 'No display: open the URLs above in a browser.'
        : 'Chromium not found: open the URLs above in a browser.',
    );
  }

  const shutdown = async () => {
    console.log('Stopping ...');
    await running.stop();
    await hall.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
