/** Money is an integer number of fen (分) everywhere; it is formatted only at the edge. */
export type Fen = number;

/** True when the value is a safe integer amount of fen. */
export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Formats fen as yuan with two decimals and thousands separators, e.g. 123456 -> "1,234.56". */
export function formatFen(amount: Fen): string {
  if (!isFen(amount)) throw new RangeError('amount must be an integer number of fen');
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fen = (abs % 100).toString().padStart(2, '0');
  return `${sign}${yuan}.${fen}`;
}
