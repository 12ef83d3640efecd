// The US keyboard layout for the keys a scanner in keyboard-wedge mode types: HID
// Usage Tables, Keyboard/Keypad page (0x07). Covers digits, letters and the
// punctuation of URLs and base64url; anything else is refused, not guessed.

/** Keycode -> [character, character with Shift] (null: not a character we accept) (frozen data). */
export const US_KEYMAP: ReadonlyMap<number, readonly [string, string | null]> = new Map<
  number,
  readonly [string, string | null]
>([
  ...Array.from({ length: 26 }, (_, i) => {
    const c = String.fromCharCode(0x61 + i);
    return [0x04 + i, [c, c.toUpperCase()]] as const; // a..z
  }),
  ...[...'123456789'].map((d, i) => [0x1e + i, [d, '!@#$%^&*('[i]!]] as const),
  [0x27, ['0', ')']],
  [0x2c, [' ', ' ']],
  [0x2d, ['-', '_']],
  [0x2e, ['=', '+']],
  [0x2f, ['[', '{']],
  [0x30, [']', '}']],
  [0x31, ['\\', '|']],
  [0x33, [';', ':']],
  [0x34, ["'", '"']],
  [0x35, ['`', '~']],
  [0x36, [',', '<']],
  [0x37, ['.', '>']],
  [0x38, ['/', '?']],
  // Keypad (with Num Lock on; shifted keypad keys navigate, so they are refused).
  [0x54, ['/', null]],
  [0x55, ['*', null]],
  [0x56, ['-', null]],
  [0x57, ['+', null]],
  ...[...'123456789'].map((d, i) => [0x59 + i, [d, null]] as const),
  [0x62, ['0', null]],
  [0x63, ['.', null]],
]);

/** Enter and Keypad Enter end a scan. */
export const ENTER_KEYS: ReadonlySet<number> = new Set([0x28, 0x58]);

/** Modifier bits: Left/Right Shift (0x02, 0x20) type capitals; Ctrl, Alt, GUI (0xDD) are not typing. */
export const SHIFT_BITS = 0x22;
export const NON_TYPING_MODIFIERS = 0xdd;

/** Character -> the main-block key and Shift state that types it (keypad keys are never chosen). */
export const US_CHAR_TO_KEY: ReadonlyMap<string, { keycode: number; shift: boolean }> = (() => {
  const map = new Map<string, { keycode: number; shift: boolean }>();
  for (const [keycode, [plain, shifted]] of US_KEYMAP) {
    if (keycode >= 0x54) continue;
    if (!map.has(plain)) map.set(plain, { keycode, shift: false });
    if (shifted && !map.has(shifted)) map.set(shifted, { keycode, shift: true });
  }
  return map;
})();
