/** Twelve monthly shares of a yearly amount that add up to it exactly (the first months carry the remainder). */
export function monthlyShares(amount: number): number[] {
  const base = Math.floor(amount / 12);
  const rest = amount - base * 12;
  return Array.from({ length: 12 }, (_, i) => base + (i < rest ? 1 : 0));
}
