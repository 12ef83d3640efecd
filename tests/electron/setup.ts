/** Replaces `electron` with the fake for every electron test: import this file first. */
import { vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-fake')).electronModule);
