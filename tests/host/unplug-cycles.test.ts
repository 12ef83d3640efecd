// Pulling and putting back a device's cable again and again: each time the device manager sees it
// fail, takes it back within 5 s, and leaves no listener or timer behind; the device still works
// after the last cycle. (500 cycles each with figures: bench/unplug.ts.)
import { describe, expect, it } from 'vitest';
import { cycledDevices, runUnplugCycles } from '../../bench/unplug-cycles';

process.env.KIOSK_LOG = 'silent';

describe('unplug/replug cycles on the simulated devices', () => {
  it.each(cycledDevices)('%s: 20 cycles recover, leak nothing and still work', { timeout: 60_000 }, async (device) => {
    // A retry interval of 100 ms keeps the test short; the bench runs the host's default of 1000 ms.
    const report = await runUnplugCycles(device, { cycles: 20, warmup: 3, reconnectIntervalMs: 100, limitMs: 5000 });
    expect(report.recoveryMs).toHaveLength(20);
    expect(report.after.listeners).toBe(report.before.listeners);
    expect(report.after.timers).toBe(report.before.timers);
    expect(report.worksAfter).toBe(true);
  });
});
