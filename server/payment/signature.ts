/**
 * Message signatures between the hall server and the payment channel, HMAC-SHA256 over the exact body
 * bytes with a timestamp and nonce (the shape of WeChat Pay's and UnionPay's merchant-key signatures):
 * `X-Pay-Timestamp`, `X-Pay-Nonce`, `X-Pay-Signature` = hex(HMAC(key, timestamp + "\n" + nonce + "\n" + body)).
 * Requests are signed with the merchant key; the channel signs its answers and notifications with it too.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADERS = {
  timestamp: 'x-pay-timestamp',
  nonce: 'x-pay-nonce',
  signature: 'x-pay-signature',
} as const;

/** How far a signed message's timestamp may be from now (replay window). */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000;

function mac(key: string, timestamp: string, nonce: string, body: string): string {
  return createHmac('sha256', key).update(`${timestamp}\n${nonce}\n${body}`, 'utf8').digest('hex');
}

/** The headers that sign `body`. */
export function signedHeaders(key: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const nonce = randomBytes(12).toString('hex');
  return {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: mac(key, timestamp, nonce, body),
  };
}

/** True when the headers sign exactly `body` with `key`, within the replay window. */
export function verifySigned(
  key: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now = Date.now(),
): boolean {
  const one = (name: string) => {
    const v = headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const timestamp = one(SIGNATURE_HEADERS.timestamp);
  const nonce = one(SIGNATURE_HEADERS.nonce);
  const signature = one(SIGNATURE_HEADERS.signature);
  if (!timestamp || !nonce || !signature || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature))
    return false;
  if (Math.abs(Number(timestamp) * 1000 - now) > SIGNATURE_MAX_SKEW_MS) return false;
  const expected = Buffer.from(mac(key, timestamp, nonce, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
