/**
 * The thin-Linux terminal's host service (systemd `Type=notify`): the host in browser mode on a
 * fixed loopback port, READY=1 once devices and the hall link have been brought up, WATCHDOG=1
 * while healthy, the kiosk user's Chromium admitted by `/launch` (see docs/design-notes.md).
 *
 * Environment (the unit sets these; all optional): KIOSK_CONFIG, KIOSK_DATA_DIR,
 * KIOSK_BROWSER_PORT (47800), KIOSK_BROWSER_USER (kiosk) or KIOSK_BROWSER_UID,
 * KIOSK_SECRET_FILE (/run/hrss-kiosk/browser-secret), KIOSK_RENDERER_DIR.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configFilePath, dataDirPath, prepareDataDir } from '../config-location';
import { loadHostConfig } from '../config';
import { RotatingLogFile } from '../log-file';
import { attachLogFile, log } from '../log';
import { runHost, type RunningHost } from '../run-host';
import { DEFAULT_BROWSER_PORT } from './defaults';
import { clearStarts, DEFAULT_CRASH_LOOP, recordStart } from './crash-loop';
import { serveOutOfService } from './out-of-service-page';
import { openNotifier, watchdogTimeoutMs, type Notifier } from './sd-notify';
import { startServiceWatchdog } from './watchdog';

type Env = Record<string, string | undefined>;

const LOOPBACK = '127.0.0.1';
const RETRY_MS = 30_000;

/** The uid of the kiosk user (KIOSK_BROWSER_UID, else KIOSK_BROWSER_USER's line of /etc/passwd). */
export function browserUid(env: Env, passwd = '/etc/passwd'): number {
  if (env.KIOSK_BROWSER_UID) return Number(env.KIOSK_BROWSER_UID);
  const user = env.KIOSK_BROWSER_USER ?? 'kiosk';
  const line = readFileSync(passwd, 'utf8')
    .split('\n')
    .find((l) => l.split(':')[0] === user);
  if (!line) throw new Error(`the kiosk browser's user ${user} does not exist`);
  return Number(line.split(':')[2]);
}

/** The secret kept for this boot (tmpfs under /run): the page's cookie outlives a host restart. */
export function bootSecret(file: string): string {
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function appVersion(): string {
  try {
    return readFileSync(path.join(import.meta.dirname, 'VERSION'), 'utf8').trim();
  } catch {
    return process.env.npm_package_version ?? 'dev';
  }
}

/** Runs the service until SIGTERM; resolves with the running host (tests stop it themselves). */
export async function runService(
  env: Env = process.env,
): Promise<{ running: RunningHost | null; stop(): Promise<void> }> {
  const notifier: Notifier = openNotifier({ env });
  const dataDir = prepareDataDir(dataDirPath(process.platform, env));
  attachLogFile(new RotatingLogFile(path.join(dataDir, 'logs')));
  const version = appVersion();
  log.info('service', `HRSS kiosk terminal ${version} starting; data in ${dataDir}`);
  const port = Number(env.KIOSK_BROWSER_PORT ?? DEFAULT_BROWSER_PORT);
  const watchdogMs = watchdogTimeoutMs(env);

  const signWhile = async (reason: string, waitMs: number) => {
    // Ready in systemd's eyes (it serves the sign) and pinging, so systemd does not restart a sign.
    const sign = await serveOutOfService(LOOPBACK, port, () => reason);
    notifier.send({ READY: 1, STATUS: `out of service: ${reason}` });
    const stopPings = watchdogMs
      ? startServiceWatchdog({ notifier, timeoutMs: watchdogMs, healthy: () => true })
      : null;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    stopPings?.();
    await new Promise<void>((resolve) => sign.close(() => resolve()));
  };

  const backoff = recordStart(dataDir, DEFAULT_CRASH_LOOP);
  if (backoff > 0) {
    log.warn('service', `the host restarted too often; showing 暂停服务 for ${backoff / 1000} s first`);
    await signWhile('restarting too often (crash loop); trying again soon', backoff);
  }

  let config;
  for (;;) {
    try {
      config = loadHostConfig(configFilePath(process.platform, env));
      break;
    } catch (error) {
      // Never a crash loop on a bad file: show the sign, read the file again every 30 s.
      const reason = error instanceof Error ? error.message : 'configuration unusable';
      log.error('service', 'the configuration is unusable, showing 暂停服务', error);
      await signWhile(reason, RETRY_MS);
    }
  }

  const running = await runHost({
    config,
    dataDir,
    appVersion: version,
    rendererDir: env.KIOSK_RENDERER_DIR ?? path.resolve(import.meta.dirname, 'renderer'),
    browserMode: true,
    host: LOOPBACK,
    port,
    secret: bootSecret(env.KIOSK_SECRET_FILE ?? '/run/hrss-kiosk/browser-secret'),
    launch: { uid: browserUid(env) },
    // The page itself is sent `reloadRenderer`; when it stays silent the screen's service is
    // restarted (polkit lets hrss-kiosk restart that one unit); the nightly relaunch also starts
    // this host afresh (systemd's Restart=always brings it back).
    onRecovery: (request) => {
      if (request.action !== 'relaunch') return;
      restartBrowser(env);
      if (request.reason === 'nightly') setTimeout(() => process.kill(process.pid, 'SIGTERM'), 1000).unref();
    },
    start: false,
  });
  // start() resolves once the devices are opened and the hall server has been asked for the
  // terminal's profile (reachable or not: an offline kiosk still shows its sign).
  await running.start();
  const status = await running.host.call('getStatus', {});
  const hallUp = status.ok && (status.value as { serverReachable?: boolean }).serverReachable === true;
  notifier.send({
    READY: 1,
    STATUS: `serving ${running.web?.launchUrl}; hall server ${hallUp ? 'reachable' : 'not reachable'}`,
  });
  log.info('service', `ready: kiosk page ${running.web?.launchUrl}`);
  const stopPings = watchdogMs
    ? startServiceWatchdog({ notifier, timeoutMs: watchdogMs, healthy: () => deviceManagerAlive(running) })
    : null;
  const calm = setTimeout(() => clearStarts(dataDir), DEFAULT_CRASH_LOOP.windowMs / 2);
  calm.unref();

  const stop = async () => {
    notifier.send({ STOPPING: 1 });
    stopPings?.();
    clearTimeout(calm);
    await running.stop();
    notifier.close();
  };
  return { running, stop };
}

/** Restarts the kiosk screen's service (KIOSK_BROWSER_RESTART names another command, for tests). */
export function restartBrowser(env: Env): void {
  const [command, ...args] = (env.KIOSK_BROWSER_RESTART ?? 'systemctl restart hrss-kiosk-browser.service').split(' ');
  log.warn('service', 'restarting the kiosk screen');
  const child = spawn(command!, args, { stdio: 'ignore' });
  child.on('error', (error) => log.error('service', 'could not restart the kiosk screen', error));
  child.on('exit', (code) => {
    if (code !== 0) log.error('service', `restarting the kiosk screen failed (${code})`);
  });
}

/** The device manager answers (its state is readable); a device being unplugged is not a host fault. */
function deviceManagerAlive(running: RunningHost): boolean {
  try {
    return Array.isArray(running.devices.health());
  } catch {
    return false;
  }
}

if (process.argv[1] && /service[/\\]main\.[cm]?[jt]s$|host-service\.mjs$/.test(process.argv[1])) {
  runService().then(
    ({ stop }) => {
      const quit = () => void stop().finally(() => process.exit(0));
      process.once('SIGTERM', quit);
      process.once('SIGINT', quit);
    },
    (error: unknown) => {
      log.error('service', 'the kiosk service failed to start', error);
      process.exit(1);
    },
  );
}
