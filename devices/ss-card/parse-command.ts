// Splits a short C-APDU into its fields (the card's side of apdu.ts); used by the simulator.

/** A C-APDU's fields. */
export interface ParsedCommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** 1..256; absent when the command expects no data. */
  le?: number;
}

/** Parses a short C-APDU (ISO/IEC 7816-3 cases 1-4); `wrongLength` when the bytes do not add up. */
export function parseCommandApdu(apdu: Uint8Array): ParsedCommandApdu | 'wrongLength' {
  if (apdu.length < 4) return 'wrongLength';
  const [cla, ins, p1, p2] = apdu as unknown as [number, number, number, number];
  const head = { cla, ins, p1, p2 };
  if (apdu.length === 4) return head; // case 1
  const p3 = apdu[4]!;
  if (apdu.length === 5) return { ...head, le: p3 || 256 }; // case 2
  if (p3 === 0) return 'wrongLength'; // extended APDUs are not spoken here
  const data = apdu.slice(5, 5 + p3);
  if (apdu.length === 5 + p3) return { ...head, data }; // case 3
  if (apdu.length === 6 + p3) return { ...head, data, le: apdu[5 + p3]! || 256 }; // case 4
  return 'wrongLength';
}
