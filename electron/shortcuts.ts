/** Keyboard shortcuts that would let a person leave the kiosk screen (blocked in production). */

/** The fields of Electron's `Input` we look at. `code` is the physical key, so layouts do not matter. */
export interface KeyInput {
  code: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

const alone = new Set(['F5', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh']);
// Ctrl/Cmd + key: reload, quit, close, print, save, open, new window/tab, find, zoom.
const withCommand = new Set([
  'KeyR',
  'KeyQ',
  'KeyW',
  'KeyP',
  'KeyS',
  'KeyO',
  'KeyN',
  'KeyT',
  'KeyF',
  'KeyG',
  'KeyU',
  'Equal',
  'Minus',
  'Digit0',
  'NumpadAdd',
  'NumpadSubtract',
  'Numpad0',
]);
// Ctrl+Shift / Cmd+Alt + key: developer tools and the element picker.
const developerTools = new Set(['KeyI', 'KeyJ', 'KeyC']);

/** True when the key combination reloads, opens developer tools, quits, closes or leaves the page. */
export function isEscapeShortcut(input: KeyInput): boolean {
  const command = input.control || input.meta;
  if (alone.has(input.code)) return true;
  if (input.alt && (input.code === 'F4' || input.code === 'ArrowLeft' || input.code === 'ArrowRight')) return true;
  if (command && withCommand.has(input.code)) return true;
  if (command && (input.shift || input.alt) && developerTools.has(input.code)) return true;
  return false;
}
