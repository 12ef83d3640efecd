// Launches Debian's Chromium through playwright-core (never a downloaded browser).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Starts headless Chromium with the flags that work as root on these machines. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error('Browser tests need Chromium: install the Debian package chromium.');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--font-render-hinting=none',
      ...extraArgs,
    ],
  });
  // Every window prefers reduced motion, which the UI honours (the spinner and the card
  // illustration stand still): without a GPU, one kiosk's idle animations cost Chromium 15–25 % of a
  // core in software compositing, and a test run keeps several kiosks open at once.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  return browser;
}

/**
 * Whether tests save their screenshots. They are for people to look at; the assertions never read
 * them. CI sets `KIOSK_SCREENSHOTS=0`: nobody looks there, and the 200-odd PNGs cost minutes.
 */
export const SAVE_SCREENSHOTS = process.env.KIOSK_SCREENSHOTS !== '0';

/** Saves a screenshot under test-results/screenshots for a person to look at (unless turned off). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  if (!SAVE_SCREENSHOTS) return file;
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // Runs in the page; typed loosely because this file is compiled without the DOM library.
    const page = globalThis as unknown as {
      axe: { run: (ctx: unknown, opts: object) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const r = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
