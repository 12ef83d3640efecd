// Which of several PC/SC readers is the social security card slot. A terminal often has three
// (the contact slot, the contactless pad, the SAM slot), named by their driver, e.g.
// "Generic EMV Smartcard Reader [CCID Interface] (00 00)". Pure.

/**
 * Picks the first reader (in the order PC/SC lists them) whose name matches `pattern`:
 * case-insensitive, `*` matches any run of characters, and a pattern without `*` matches
 * anywhere in the name. No pattern takes the first reader.
 */
export function pickReader(names: readonly string[], pattern?: string): string | null {
  if (pattern === undefined || pattern.trim() === '') return names[0] ?? null;
  const glob = pattern.includes('*');
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(glob ? `^${source}$` : source, 'i');
  return names.find((name) => regex.test(name)) ?? null;
}
