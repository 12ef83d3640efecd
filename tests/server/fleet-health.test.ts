// The fleet view's health badge: what the devices say now, not the terminal's last fault since start.
import { describe, expect, it } from 'vitest';
import type { HeartbeatRequest } from '../../contracts/hall-api';
import { healthOf, OFFLINE_AFTER_MS } from '../../server/fleet/fleet-view';

const now = new Date('2026-12-05T10:00:00+08:00');
const beat = (devices: HeartbeatRequest['devices'], lastError: string | null = null): HeartbeatRequest => ({
  appVersion: '0.1.0',
  uptimeS: 60,
  inService: true,
  devices,
  lastError,
});

describe('terminal health', () => {
  it('every device ok is 正常 even when the host still reports an earlier fault', () => {
    const heartbeat = beat(
      [
        { device: 'idCardReader', state: 'ok' },
        { device: 'receiptPrinter', state: 'ok' },
      ],
      'receiptPrinter:paperOut',
    );
    expect(healthOf(heartbeat, now, now)).toBe('ok');
  });

  it('one device degraded is 部分故障, one failed is 故障', () => {
    const degraded = beat([
      { device: 'idCardReader', state: 'ok' },
      { device: 'receiptPrinter', state: 'degraded', reason: 'paperNearEnd' },
    ]);
    expect(healthOf(degraded, now, now)).toBe('degraded');
    const failed = beat([
      { device: 'idCardReader', state: 'failed', reason: 'disconnected' },
      { device: 'receiptPrinter', state: 'degraded', reason: 'paperNearEnd' },
    ]);
    expect(healthOf(failed, now, now)).toBe('failed');
  });

  it('no heartbeat, or none for 30 s, is 离线', () => {
    const ok = beat([{ device: 'idCardReader', state: 'ok' }]);
    expect(healthOf(null, null, now)).toBe('offline');
    expect(healthOf(ok, new Date(now.getTime() - OFFLINE_AFTER_MS - 1), now)).toBe('offline');
    expect(healthOf(ok, new Date(now.getTime() - OFFLINE_AFTER_MS + 1000), now)).toBe('ok');
  });
});
