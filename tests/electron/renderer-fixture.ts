/** A built-renderer folder on disk for the shell's tests, and the locations that point at it. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveRendererLocation, type RendererLocation } from '../../electron/shell-config';

const CSP_META = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`;

/** An app folder holding dist/renderer/index.html (with or without a CSP <meta>). */
export function createAppFolder({ cspMeta = true } = {}): {
  appPath: string;
  renderer: RendererLocation;
  indexUrl: string;
} {
  const appPath = mkdtempSync(path.join(tmpdir(), 'kiosk-shell-'));
  mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  const html = `<!doctype html><html><head>${cspMeta ? CSP_META : ''}</head><body></body></html>`;
  writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), html);
  const renderer = resolveRendererLocation(appPath, {}, false);
  return { appPath, renderer, indexUrl: 'app://kiosk/index.html' };
}

/** The dev-server location (KIOSK_RENDERER_URL in development). */
export const devRenderer: RendererLocation = resolveRendererLocation(
  '/unused',
  { KIOSK_RENDERER_URL: 'http://localhost:5173/' },
  true,
);
