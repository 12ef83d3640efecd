/** Replaces `electron` with the fake for every electron test: import this file first. */
import { vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-fake')).electronModule);

// The shell logs denials as it should; the test output does not need them.
process.env.KIOSK_LOG ??= 'silent';
