// `npm run dist:terminal`: the Debian package built for real (dpkg-deb), read back with dpkg-deb -I/-c,
// its maintainer scripts checked, and both systemd units verified by systemd-analyze against the
// unpacked package (systemd is not PID 1 here: `verify --root` needs only the unit files).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMINAL_PACKAGE, distTerminal } from '../../scripts/dist-terminal';

const root = path.resolve(import.meta.dirname, '../..');
let out: string;
let deb: string;
let tree: string;

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'terminal-deb-'));
  // Reuses dist/renderer when it is up to date (the browser tests build it), as CI's run does.
  const started = Date.now();
  deb = await distTerminal({ root, outDir: out });
  console.log(`dist:terminal built ${path.basename(deb)} in ${Date.now() - started} ms`);
  tree = path.join(out, 'root');
  execFileSync('dpkg-deb', ['-x', deb, tree]);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const info = (field?: string) =>
  execFileSync('dpkg-deb', field ? ['-f', deb, field] : ['-I', deb], { encoding: 'utf8' }).trim();

describe('the thin-Linux terminal package', () => {
  it('is named and versioned as the updates feed expects', () => {
    const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
    const arch = execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim();
    expect(path.basename(deb)).toBe(`${TERMINAL_PACKAGE}_${version}_${arch}.deb`);
    expect(info('Package')).toBe('hrss-kiosk-terminal');
    expect(info('Version')).toBe(version);
    expect(info('Depends')).toMatch(/nodejs \(>= 20\.19\).*socat.*chromium.*cage/);
    expect(info()).toMatch(/postinst[\s\S]*postrm[\s\S]*prerm/);
  });

  it('holds the host service, the page, units, policies, udev, polkit and PAM files, root-owned', () => {
    const listing = execFileSync('dpkg-deb', ['-c', deb], { encoding: 'utf8' });
    for (const file of [
      './usr/lib/hrss-kiosk/host-service.mjs',
      './usr/lib/hrss-kiosk/kiosk-browser',
      './usr/lib/hrss-kiosk/renderer/index.html',
      './usr/lib/hrss-kiosk/node_modules/serialport/package.json',
      './usr/lib/hrss-kiosk/node_modules/node-hid/package.json',
      './lib/systemd/system/hrss-kiosk.service',
      './lib/systemd/system/hrss-kiosk-browser.service',
      './etc/chromium/policies/managed/hrss-kiosk.json',
      './lib/udev/rules.d/60-hrss-kiosk.rules',
      './usr/share/polkit-1/rules.d/60-hrss-kiosk.rules',
      './etc/pam.d/hrss-kiosk-browser',
    ]) {
      expect(listing).toContain(file);
    }
    expect(listing).toMatch(/-rwxr-xr-x root\/root .* \.\/usr\/lib\/hrss-kiosk\/kiosk-browser/);
    expect(listing.split('\n').filter((l) => l && !/ root\/root /.test(l))).toEqual([]);
    // Tools and test code stay out; so does the face lab page and the server.
    expect(listing).not.toMatch(/face-lab|\/server\/|vitest|\.test\.|pglite/i);
  });

  it('starts the host as a watched notify service and Chromium in kiosk mode under cage for the kiosk user', () => {
    const host = readFileSync(path.join(tree, 'lib/systemd/system/hrss-kiosk.service'), 'utf8');
    expect(host).toMatch(/^Type=notify$/m);
    expect(host).toMatch(/^WatchdogSec=30$/m);
    expect(host).toMatch(/^Restart=always$/m);
    expect(host).toMatch(/^User=hrss-kiosk$/m);
    expect(host).toMatch(/^StateDirectory=hrss-kiosk$/m);
    const screen = readFileSync(path.join(tree, 'lib/systemd/system/hrss-kiosk-browser.service'), 'utf8');
    expect(screen).toMatch(/^User=kiosk$/m);
    expect(screen).toMatch(/^Restart=always$/m);
    const launcher = readFileSync(path.join(tree, 'usr/lib/hrss-kiosk/kiosk-browser'), 'utf8');
    expect(launcher).toMatch(/exec \/usr\/bin\/cage -d -- \/usr\/bin\/chromium/);
    expect(launcher).toContain('--kiosk');
    expect(launcher).toContain('--enable-speech-dispatcher');
    expect(launcher).toContain('setterm --blank 0 --powerdown 0');
    expect(launcher).toContain('http://127.0.0.1:47800/launch');
    expect(launcher).not.toMatch(/secret/i);
    expect(spawnSync('bash', ['-n', path.join(tree, 'usr/lib/hrss-kiosk/kiosk-browser')]).status).toBe(0);
  });

  it("locks Chromium to the kiosk's origin: no devtools, downloads, printing or extensions", () => {
    const policies = JSON.parse(readFileSync(path.join(tree, 'etc/chromium/policies/managed/hrss-kiosk.json'), 'utf8'));
    expect(policies).toMatchObject({
      URLBlocklist: ['*'],
      URLAllowlist: ['http://127.0.0.1:47800'],
      DeveloperToolsAvailability: 2,
      DownloadRestrictions: 3,
      PrintingEnabled: false,
      PrintPreviewDisabled: true,
      ExtensionInstallBlocklist: ['*'],
      VideoCaptureAllowedUrls: ['http://127.0.0.1:47800'],
    });
    const udev = readFileSync(path.join(tree, 'lib/udev/rules.d/60-hrss-kiosk.rules'), 'utf8');
    expect(udev).toMatch(/KERNEL=="ttyUSB\[0-9\]\*", GROUP="dialout", MODE="0660"/);
    expect(udev).toMatch(/KERNEL=="ttyACM\[0-9\]\*", GROUP="dialout"/);
    expect(udev).toMatch(/SUBSYSTEM=="hidraw".*GROUP="plugdev", MODE="0660"/);
  });

  it('has maintainer scripts that create the users and folders, and parse as sh', () => {
    const control = path.join(out, 'control');
    execFileSync('dpkg-deb', ['-e', deb, control]);
    const postinst = readFileSync(path.join(control, 'postinst'), 'utf8');
    expect(postinst).toMatch(/adduser --system .* hrss-kiosk/);
    expect(postinst).toMatch(/adduser --system .* kiosk/);
    expect(postinst).toContain('install -d -o hrss-kiosk -g hrss-kiosk -m 0700 /var/lib/hrss-kiosk');
    expect(postinst).toContain('systemctl enable hrss-kiosk.service hrss-kiosk-browser.service');
    expect(readFileSync(path.join(control, 'prerm'), 'utf8')).toContain(
      'systemctl stop hrss-kiosk-browser.service hrss-kiosk.service',
    );
    expect(readFileSync(path.join(control, 'postrm'), 'utf8')).toMatch(/purge[\s\S]*rm -rf \/var\/lib\/hrss-kiosk/);
    expect(readFileSync(path.join(control, 'conffiles'), 'utf8')).toContain(
      '/etc/chromium/policies/managed/hrss-kiosk.json',
    );
    for (const script of ['postinst', 'prerm', 'postrm']) {
      expect(spawnSync('sh', ['-n', path.join(control, script)]).status).toBe(0);
    }
  });

  it('passes systemd-analyze verify for both units', () => {
    // The package's tree plus this system's own units (targets named in After=/WantedBy=) and node.
    cpSync('/lib/systemd/system', path.join(tree, 'lib/systemd/system'), { recursive: true, force: false });
    mkdirSync(path.join(tree, 'usr/bin'), { recursive: true });
    const node = path.join(tree, 'usr/bin/node');
    if (!existsSync(node)) {
      try {
        linkSync('/usr/bin/node', node);
      } catch {
        cpSync('/usr/bin/node', node);
      }
    }
    const result = spawnSync(
      'systemd-analyze',
      ['verify', `--root=${tree}`, 'hrss-kiosk.service', 'hrss-kiosk-browser.service'],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
