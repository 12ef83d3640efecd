// Real-time commands are acted on the moment their bytes arrive, wherever they sit in
// the stream, even inside another command's data (Epson dle_eot.html and
// dle_dc4_fn8.html, notes: "graphic data might accidentally include a data string
// matching this command"). This scanner finds them the way a printer's receive
// routine does; the simulator answers with it and the driver uses it to count the
// extra answers a job's own bytes will draw.
import type { StatusRequest } from './status';

/** A real-time command found in a byte stream. */
export type RealtimeCommand = { kind: 'status'; n: StatusRequest } | { kind: 'clearBuffers' };

/** A real-time command and the index just past its last byte in the chunk that completed it. */
export interface RealtimeHit {
  command: RealtimeCommand;
  end: number;
}

const CLEAR = [0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08];

/** Finds DLE EOT 1..4 and DLE DC4 fn 8 anywhere in a stream cut anywhere. */
export class RealtimeScanner {
  private partial: number[] = [];

  /** Forgets a half-seen command. */
  reset(): void {
    this.partial = [];
  }

  /** Feeds bytes; returns the commands they completed. */
  push(chunk: Uint8Array): RealtimeHit[] {
    const hits: RealtimeHit[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const command = this.take(chunk[i]!);
      if (command) hits.push({ command, end: i + 1 });
    }
    return hits;
  }

  private take(byte: number): RealtimeCommand | undefined {
    const p = this.partial;
    p.push(byte);
    if (p[0] !== 0x10) {
      this.partial = [];
      return undefined;
    }
    if (p.length === 1) return undefined;
    if (p[1] === 0x04) {
      if (p.length === 2) return undefined;
      this.partial = [];
      if (byte >= 1 && byte <= 4) return { kind: 'status', n: byte as StatusRequest };
    } else if (p[1] === 0x14 && p[p.length - 1] === CLEAR[p.length - 1]) {
      if (p.length < CLEAR.length) return undefined;
      this.partial = [];
      return { kind: 'clearBuffers' };
    } else {
      this.partial = [];
    }
    // A DLE that broke the pattern may start the next one (no pattern holds 0x10 later on).
    if (byte === 0x10) this.partial = [byte];
    return undefined;
  }
}
