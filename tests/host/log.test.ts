import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../host/log';

describe('host log', () => {
  const saved = process.env.KIOSK_LOG;
  afterEach(() => {
    process.env.KIOSK_LOG = saved;
    vi.restoreAllMocks();
  });

  it('names an error by type and code, never by its message (which may quote personal data)', () => {
    delete process.env.KIOSK_LOG;
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    const error = Object.assign(new Error('no person 110101196803150016 张建国'), { code: 'personNotFound' });
    log.error('session', 'open failed', error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ERROR \[session\] open failed \(Error personNotFound at /);
    expect(lines[0]).not.toContain('110101196803150016');
    expect(lines[0]).not.toContain('张建国');
  });
});
