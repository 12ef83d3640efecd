/**
 * Builds the Electron shell into dist/electron/: `main.js` (ESM, Node target; our host/,
 * devices/, documents/, contracts/ and every pure-JS npm dependency bundled in, so the packaged
 * app needs no node_modules but the native modules below) and `preload.cjs` (one CommonJS file:
 * a sandboxed preload can only require('electron')).
 *
 *   vite build --config electron/vite.config.ts
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist/electron');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/**
 * The only npm packages main.js loads at run time: they carry compiled N-API binaries
 * (loaded by path, so they cannot be bundled). scripts/stage-app.ts copies exactly these, with
 * their own dependencies, into the packaged app.
 */
export const nativeModules = ['serialport', 'node-hid', 'smartcard'];
const isNative = (id: string) => nativeModules.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
  root,
  publicDir: false,
  resolve: {
    // The receipt printer simulator's PNG preview (resvg, a native renderer) is test tooling:
    // the shell never calls it, so the package carries a stub instead of its binary.
    alias: { '@resvg/resvg-js': path.join(root, 'electron/stubs/resvg.ts') },
  },
  builder: {
    // Only our two environments; the default `client` one has no index.html here.
    async buildApp(builder) {
      for (const name of ['main', 'preload']) {
        const environment = builder.environments[name];
        if (!environment) throw new Error(`missing build environment ${name}`);
        await builder.build(environment);
      }
    },
  },
  environments: {
    main: {
      consumer: 'server',
      resolve: {
        // Bundle npm dependencies too (a server build leaves them external by default).
        noExternal: true,
      },
      build: {
        outDir,
        emptyOutDir: false,
        target: 'node22',
        ssr: path.join(root, 'electron/main.ts'),
        sourcemap: true,
        minify: false,
        rolldownOptions: {
          external: (id) => id === 'electron' || nodeBuiltins.includes(id) || isNative(id),
          output: { format: 'es', entryFileNames: 'main.js', codeSplitting: false },
        },
      },
    },
    preload: {
      consumer: 'client',
      build: {
        outDir,
        emptyOutDir: false,
        target: 'chrome140',
        sourcemap: false,
        minify: false,
        copyPublicDir: false,
        rolldownOptions: {
          input: path.join(root, 'electron/preload.ts'),
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
        },
      },
    },
  },
});
