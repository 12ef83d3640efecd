// Enforces the "Allowed imports" of shared/DESIGN.md: an arrow means "may import".
// A folder not listed (tests/, bench/, scripts/) may import anything.
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Top-level folder -> the folders of ours it may import (besides itself). */
export const allowedImports = {
  renderer: ['contracts'],
  electron: ['host', 'contracts'],
  host: ['devices', 'documents', 'contracts'],
  server: ['documents', 'contracts'],
  // The hall server's own web pages run in a browser and reach the server only over HTTP.
  'server/web': ['contracts'],
  documents: ['contracts'],
  devices: [],
  contracts: [],
};
const OURS = new Set([
  'renderer',
  'electron',
  'host',
  'server',
  'documents',
  'devices',
  'contracts',
  'tests',
  'bench',
  'scripts',
  'server/web',
]);
const NODE_BUILTINS = new Set(builtinModules);
/** Folders that run in a browser and may not import Node or the network stack. */
const WEB_ONLY = new Set(['renderer', 'server/web']);

function topFolder(absPath) {
  const rel = path.relative(ROOT, absPath);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  // server/web is its own area inside server/: browser code that may import contracts only.
  if (parts[0] === 'server' && parts[1] === 'web') return 'server/web';
  return parts[0];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'keep the process and layer boundaries of DESIGN.md' },
    schema: [],
    messages: {
      crossed: '{{from}}/ may not import {{to}}/ (DESIGN.md "Allowed imports": {{from}} -> {{allowed}}).',
      nodeInWeb: '{{from}}/ runs in the browser and may not import the Node module "{{spec}}".',
    },
  },
  create(context) {
    const file = context.filename;
    const from = topFolder(file);
    if (!from || !(from in allowedImports)) return {};
    const allowed = allowedImports[from];

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const to = topFolder(path.resolve(path.dirname(file), spec));
        if (to && to !== from && OURS.has(to) && !allowed.includes(to)) {
          context.report({
            node,
            messageId: 'crossed',
            data: { from, to, allowed: allowed.join(', ') || '(nothing of ours)' },
          });
        }
        return;
      }
      if (WEB_ONLY.has(from) && (spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]))) {
        context.report({ node, messageId: 'nodeInWeb', data: { from, spec } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
