// Checks that the Debian packages the tests use are installed; says exactly what to install if not.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const needs = [
  { what: 'Chromium (browser tests)', ok: () => existsSync('/usr/bin/chromium'), pkg: 'chromium' },
  { what: 'socat (serial drivers over real ptys)', ok: () => onPath('socat'), pkg: 'socat' },
  { what: 'pdftoppm and pdftotext (reading printed PDFs back)', ok: () => onPath('pdftoppm'), pkg: 'poppler-utils' },
  {
    what: 'CUPS and cups-pdf (a real A4 print queue)',
    ok: () => onPath('lpadmin') && existsSync('/usr/lib/cups/backend/cups-pdf'),
    pkg: 'cups printer-driver-cups-pdf',
  },
  {
    what: 'PostgreSQL server binaries',
    ok: () => existsSync('/usr/lib/postgresql') || !!process.env.TEST_DATABASE_URL,
    pkg: 'postgresql',
  },
  { what: 'pcscd (the PC/SC daemon)', ok: () => existsSync('/usr/sbin/pcscd'), pkg: 'pcscd' },
  {
    what: 'libpcsclite-dev (the smartcard binding builds against it)',
    ok: () => existsSync('/usr/include/PCSC/winscard.h'),
    pkg: 'libpcsclite-dev',
  },
  {
    what: "vsmartcard's virtual reader driver (vpcd)",
    ok: () => existsSync('/usr/lib/pcsc/drivers/serial/libifdvpcd.so'),
    pkg: 'vsmartcard-vpcd',
  },
  {
    what: "vsmartcard's virtual card (vicc) and its Python library",
    ok: () => existsSync('/usr/bin/vicc') && existsSync('/usr/lib/python3/site-packages/virtualsmartcard'),
    pkg: 'vsmartcard-vpicc python3-virtualsmartcard',
  },
  {
    what: 'pycryptodome for Python 3 (the virtual card library imports it)',
    ok: () => existsSync('/usr/lib/python3/dist-packages/Cryptodome'),
    pkg: 'python3-pycryptodome',
  },
  {
    what: 'a CJK font (screenshots and receipts)',
    ok: () => fcHas('WenQuanYi') || fcHas('Noto Sans CJK'),
    pkg: 'fonts-wqy-microhei',
  },
];

function onPath(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
function fcHas(name) {
  try {
    return execFileSync('fc-list', [], { encoding: 'utf8' }).includes(name);
  } catch {
    return false;
  }
}

const missing = needs.filter((n) => !n.ok());
// The PC/SC binding is an optional npm dependency: built only where libpcsclite-dev was there.
if (
  !missing.length &&
  !existsSync(fileURLToPath(import.meta.resolve('../node_modules/smartcard/build/Release/smartcard_napi.node')))
) {
  console.error(
    'npm test needs the PC/SC binding built: run `npm rebuild smartcard` (after installing libpcsclite-dev).',
  );
  process.exit(1);
}
if (missing.length > 0) {
  for (const m of missing) console.error(`npm test needs ${m.what}: install the Debian package ${m.pkg}.`);
  console.error('Run: sudo bash scripts/install-debian-deps.sh   (installs everything the tests need)');
  process.exit(1);
}
