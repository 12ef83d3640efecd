import { describe, expect, it } from 'vitest';

// Every renderer source file as text (the bridge is the one place allowed to talk to the network).
const sources = import.meta.glob<string>(['../../renderer/**/*.{ts,tsx}', '!../../renderer/vite.config.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const app = Object.entries(sources).filter(([path]) => !path.includes('/renderer/bridge/'));

describe('renderer boundaries', () => {
  it('finds the sources', () => {
    expect(app.length).toBeGreaterThan(10);
  });

  it('only the bridge opens a WebSocket; the app has no other way out than window.kiosk', () => {
    for (const [path, text] of app) {
      for (const banned of ['WebSocket', 'fetch(', 'XMLHttpRequest', 'EventSource', 'ipcRenderer', 'require(']) {
        // One exception: the face engine loads its model weights from the app's own files.
        if (banned === 'fetch(' && path.endsWith('/renderer/src/face/assets.ts')) continue;
        expect(text.includes(banned), `${path} uses ${banned}`).toBe(false);
      }
    }
  });

  it("the face engine's one fetch refuses any origin but the app's own", () => {
    const [, assets] = app.find(([path]) => path.endsWith('/renderer/src/face/assets.ts'))!;
    expect(assets.match(/fetch\(/g)).toHaveLength(1);
    expect(assets).toContain('target.origin !== new URL(document.baseURI).origin');
  });

  it('the app keeps no person data in browser storage', () => {
    for (const [path, text] of app) {
      for (const banned of ['localStorage', 'sessionStorage', 'indexedDB', 'document.cookie', 'caches.']) {
        expect(text.includes(banned), `${path} uses ${banned}`).toBe(false);
      }
    }
  });
});
