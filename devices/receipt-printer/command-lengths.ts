// How long each ESC/POS command is, from its first bytes: the table a printer's
// command parser needs to tell a command's parameters from the text after it.
// Lengths from the Epson ESC/POS Command Reference (one page per command under
// https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/), covering what
// receiptline emits and the common rest. A command we do not know is taken as its
// two-byte prefix, so a stream with it still splits.

/** The whole command is `total` bytes long. */
export type Known = { total: number };
/** Call again once `atLeast` bytes are in. */
export type More = { atLeast: number };
/** Parameters end with a NUL, at most `max` bytes into the command. */
export type UntilNul = { nulFrom: number; max: number };
/** What the first bytes of a command tell about its length. */
export type CommandLength = Known | More | UntilNul;

type Rule = number | ((p: Uint8Array) => CommandLength);

const u16 = (p: Uint8Array, at: number) => p[at]! + p[at + 1]! * 256;
const after = (header: number, body: (p: Uint8Array) => number) => (p: Uint8Array) =>
  p.length < header ? { atLeast: header } : { total: header + body(p) };

/** `X ( f pL pH ...`: five header bytes and (pL + pH × 256) more. */
const parenthesized = after(5, (p) => u16(p, 3));

const ESC_RULES: Record<number, Rule> = {
  0x0c: 2, // ESC FF
  0x20: 3, // ESC SP n
  0x21: 3, // ESC ! n
  0x24: 4, // ESC $ nL nH
  0x25: 3, // ESC % n
  0x26: userCharacters, // ESC & y c1 c2 [x d...]...
  0x28: parenthesized, // ESC ( A pL pH ...
  0x2a: after(5, (p) => (p[2] === 32 || p[2] === 33 ? 3 : 1) * u16(p, 3)), // ESC * m nL nH d...
  0x2d: 3, // ESC - n
  0x32: 2, // ESC 2
  0x33: 3, // ESC 3 n
  0x3d: 3, // ESC = n
  0x3f: 3, // ESC ? n
  0x40: 2, // ESC @
  0x44: () => ({ nulFrom: 2, max: 35 }), // ESC D n1..nk NUL, k ≤ 32
  0x45: 3, // ESC E n
  0x47: 3, // ESC G n
  0x4a: 3, // ESC J n
  0x4b: 3, // ESC K n
  0x4c: 2, // ESC L
  0x4d: 3, // ESC M n
  0x52: 3, // ESC R n
  0x53: 2, // ESC S
  0x54: 3, // ESC T n
  0x55: 3, // ESC U n
  0x56: 3, // ESC V n
  0x57: 10, // ESC W xL xH yL yH dxL dxH dyL dyH
  0x5c: 4, // ESC \ nL nH
  0x61: 3, // ESC a n
  0x63: 4, // ESC c 3|4|5 n
  0x64: 3, // ESC d n
  0x65: 3, // ESC e n
  0x69: 2, // ESC i
  0x6d: 2, // ESC m
  0x70: 5, // ESC p m t1 t2
  0x72: 3, // ESC r n
  0x74: 3, // ESC t n
  0x75: 3, // ESC u n
  0x76: 2, // ESC v
  0x7b: 3, // ESC { n
};

const GS_RULES: Record<number, Rule> = {
  0x21: 3, // GS ! n
  0x23: 3, // GS # n
  0x24: 4, // GS $ nL nH
  0x28: parenthesized, // GS ( A/C/D/E/H/K/L/M/N/P/Q/k/z pL pH ...
  0x2a: after(4, (p) => p[2]! * p[3]! * 8), // GS * x y d...
  0x2f: 3, // GS / m
  0x38: after(7, (p) => u16(p, 3) + u16(p, 5) * 65536), // GS 8 L p1 p2 p3 p4 ...
  0x3a: 2, // GS :
  0x42: 3, // GS B n
  0x44: parenthesized, // GS D pL pH ... (Windows BMP)
  0x45: 3, // GS E n
  0x48: 3, // GS H n
  0x49: 3, // GS I n
  0x4c: 4, // GS L nL nH
  0x50: 4, // GS P x y
  0x54: 3, // GS T n
  0x56: (p) => (p.length < 3 ? { atLeast: 3 } : { total: p[2]! >= 65 ? 4 : 3 }), // GS V m [n]
  0x57: 4, // GS W nL nH
  0x5c: 4, // GS \ nL nH
  0x5e: 5, // GS ^ r t m
  0x61: 3, // GS a n
  0x62: 3, // GS b n
  0x63: 2, // GS c
  0x66: 3, // GS f n
  0x67: 6, // GS g 0|2 m nL nH
  0x68: 3, // GS h n
  0x6a: 3, // GS j n
  0x6b: barcode, // GS k m ...
  0x72: 3, // GS r n
  0x76: after(8, (p) => u16(p, 4) * u16(p, 6)), // GS v 0 m xL xH yL yH d...
  0x77: 3, // GS w n
};

const FS_RULES: Record<number, Rule> = {
  0x21: 3, // FS ! n
  0x26: 2, // FS &
  0x28: parenthesized, // FS ( A/C/E/L/e pL pH ...
  0x2d: 3, // FS - n
  0x2e: 2, // FS .
  0x32: 76, // FS 2 c1 c2 d1..d72 (one 24 × 24 user character)
  0x3f: 4, // FS ? c1 c2
  0x43: 3, // FS C n
  0x53: 4, // FS S n1 n2
  0x57: 3, // FS W n
  0x70: 4, // FS p n m
};

const DLE_RULES: Record<number, Rule> = {
  0x04: (p) => (p.length < 3 ? { atLeast: 3 } : { total: [7, 8, 18].includes(p[2]!) ? 4 : 3 }), // DLE EOT n [a]
  0x05: 3, // DLE ENQ n
  0x14: (p) => (p.length < 3 ? { atLeast: 3 } : { total: DC4_LENGTHS[p[2]!] ?? 3 }), // DLE DC4 fn ...
};
const DC4_LENGTHS: Record<number, number> = { 1: 5, 2: 5, 3: 5, 7: 4, 8: 10 };

const TABLES: Record<number, Record<number, Rule>> = {
  0x1b: ESC_RULES,
  0x1d: GS_RULES,
  0x1c: FS_RULES,
  0x10: DLE_RULES,
};

/** True for the bytes that start a multi-byte command: ESC, GS, FS, DLE. */
export function isCommandPrefix(byte: number): boolean {
  return byte in TABLES;
}

/** How long the command starting with `prefix` (at least its first byte) is; unknown ones are two bytes. */
export function commandLength(prefix: Uint8Array): CommandLength {
  const table = TABLES[prefix[0]!];
  if (!table) return { total: 1 };
  if (prefix.length < 2) return { atLeast: 2 };
  const rule = table[prefix[1]!];
  if (rule === undefined) return { total: 2 };
  return typeof rule === 'number' ? { total: rule } : rule(prefix);
}

/** Mnemonic name of a command from its first bytes, e.g. `GS ( k`, `ESC a`, `LF`. */
export function commandName(bytes: Uint8Array): string {
  const first = bytes[0]!;
  const prefix = PREFIX_NAMES[first];
  if (!prefix) return CONTROL_NAMES[first] ?? `0x${first.toString(16).padStart(2, '0')}`;
  const second = bytes[1];
  if (second === undefined) return prefix;
  if (first === 0x10) return `${prefix} ${DLE_NAMES[second] ?? printable(second)}`;
  const name = `${prefix} ${printable(second)}`;
  // GS ( k, FS ( A, GS v 0, GS 8 L: the third byte selects the function family.
  if ((second === 0x28 || (first === 0x1d && (second === 0x76 || second === 0x38))) && bytes.length > 2) {
    return `${name} ${printable(bytes[2]!)}`;
  }
  return name;
}

const PREFIX_NAMES: Record<number, string> = { 0x1b: 'ESC', 0x1d: 'GS', 0x1c: 'FS', 0x10: 'DLE' };
const DLE_NAMES: Record<number, string> = { 0x04: 'EOT', 0x05: 'ENQ', 0x14: 'DC4' };
const CONTROL_NAMES: Record<number, string> = { 0x09: 'HT', 0x0a: 'LF', 0x0c: 'FF', 0x0d: 'CR', 0x18: 'CAN' };

function printable(byte: number): string {
  return byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `0x${byte.toString(16).padStart(2, '0')}`;
}

// ESC & y c1 c2 [x1 d1...d(y × x1)] ... [xk ...], k = c2 − c1 + 1.
function userCharacters(p: Uint8Array): CommandLength {
  if (p.length < 5) return { atLeast: 5 };
  const y = p[2]!;
  const count = p[4]! - p[3]! + 1;
  let at = 5;
  for (let i = 0; i < count; i++) {
    if (p.length <= at) return { atLeast: at + 1 };
    at += 1 + y * p[at]!;
  }
  return { total: at };
}

// GS k m d1..dk NUL (m = 0..6) or GS k m n d1..dn (m = 65..79).
function barcode(p: Uint8Array): CommandLength {
  if (p.length < 3) return { atLeast: 3 };
  const m = p[2]!;
  if (m <= 6) return { nulFrom: 3, max: 3 + 256 };
  if (p.length < 4) return { atLeast: 4 };
  return { total: 4 + p[3]! };
}
