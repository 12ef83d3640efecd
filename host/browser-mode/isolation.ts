/**
 * Cross-origin isolation (self.crossOriginIsolated) for the renderer, in browser mode and on
 * app://: SharedArrayBuffer, so tfjs's WebAssembly backend may run its threaded build. Everything
 * the pages load is our own origin (files, the WebSocket, the camera, speech), which COEP
 * require-corp allows; CORP same-origin says so of each response.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
} as const;
