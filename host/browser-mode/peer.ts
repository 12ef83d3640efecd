/**
 * Who is on the other end of a loopback TCP connection: Linux lists every socket with its
 * owner's uid in /proc/net/tcp (and tcp6), so the host can tell the kiosk user's Chromium from
 * any other local program without a secret on a command line (identd's trick, local only).
 */
import { readFile } from 'node:fs/promises';

/** `127.0.0.1:8080` as /proc/net/tcp writes it (little-endian IPv4, hex port); IPv6 is four such words. */
export function procAddress(ip: string, port: number): string {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const v4 = ip.replace(/^::ffff:/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4) && !ip.includes(':')) {
    const bytes = v4.split('.').map((b) => Number(b).toString(16).toUpperCase().padStart(2, '0'));
    return `${bytes.reverse().join('')}:${portHex}`;
  }
  return `${ipv6Words(ip)}:${portHex}`;
}

function ipv6Words(ip: string): string {
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  let right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  // An IPv4-mapped tail (::ffff:1.2.3.4) is two 16-bit groups.
  const last = right.at(-1);
  if (last?.includes('.')) {
    const b = last.split('.').map(Number) as [number, number, number, number];
    right = [...right.slice(0, -1), ((b[0] << 8) | b[1]).toString(16), ((b[2] << 8) | b[3]).toString(16)];
  }
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right].map((g) => g.padStart(4, '0'));
  // Four 32-bit words, each in host (little-endian) byte order.
  let out = '';
  for (let w = 0; w < 4; w++) {
    const hex = groups[w * 2]! + groups[w * 2 + 1]!;
    out += hex.match(/../g)!.reverse().join('').toUpperCase();
  }
  return out;
}

/** The uid owning the client end of the connection `remote` → `local` (as the server sees them), or null. */
export async function loopbackPeerUid(
  remote: { address: string; port: number },
  local: { address: string; port: number },
  tables: readonly string[] = ['/proc/net/tcp', '/proc/net/tcp6'],
): Promise<number | null> {
  const clientEnd = procAddress(remote.address, remote.port);
  const serverEnd = procAddress(local.address, local.port);
  for (const table of tables) {
    let text: string;
    try {
      text = await readFile(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid …: the client's socket is the one
      // whose local address is the client end and whose remote is our listening address.
      if (f[1] === clientEnd && f[2] === serverEnd) return Number(f[7]);
    }
  }
  return null;
}
