/**
 * Builds the Electron shell into dist/electron/: `main.js` (ESM, Node target; electron, Node
 * built-ins and npm dependencies stay external, our host/ and contracts/ are bundled) and
 * `preload.cjs` (one CommonJS file: a sandboxed preload can only require('electron')).
 *
 *   vite build --config electron/vite.config.ts
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist/electron');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default defineConfig({
  root,
  publicDir: false,
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
      build: {
        outDir,
        emptyOutDir: false,
        target: 'node22',
        ssr: path.join(root, 'electron/main.ts'),
        sourcemap: true,
        minify: false,
        rolldownOptions: {
          external: ['electron', ...nodeBuiltins],
          output: { format: 'es', entryFileNames: 'main.js' },
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
