// In English the hall's own content (guides, jobs, notices, offices, trainings) stays as the hall
// wrote it, in Chinese: the screen says so plainly on the content line, and says nothing in Chinese mode.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CachedContent, ContentBundle, KioskApi } from '../../../contracts';
import { I18nContext, messages } from '../../../renderer/src/i18n';
import { noticesService } from '../../../renderer/src/services/notices/NoticesService';
import type { ServiceProps } from '../../../renderer/src/services/registry';
import { advance } from '../fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const stamp = '2026-11-10T02:00:00.000Z';
const bundle: ContentBundle = {
  version: 'b'.repeat(32),
  updatedAt: stamp,
  guides: [],
  jobs: [],
  courses: [],
  notices: [
    {
      id: 1,
      title: '关于调整退休人员基本养老金的通知',
      category: 'policy',
      body: '自2026年1月1日起调整。',
      publishedAt: stamp,
      updatedAt: stamp,
    },
  ],
  offices: [],
};

function props(): ServiceProps {
  const cached: CachedContent = { content: bundle, fetchedAt: stamp, ageMs: 60_000, fresh: true };
  const kiosk = { getContent: vi.fn(async () => cached), on: vi.fn(() => () => undefined) } as unknown as KioskApi;
  return {
    kiosk,
    session: null,
    summary: null,
    terminal: null,
    now: Date.parse(stamp),
    close: vi.fn(),
    say: vi.fn(),
    keepAlive: vi.fn(),
  };
}

describe('the language of the hall content', () => {
  it('in English says the content is in Chinese, beside the notice it shows', async () => {
    vi.useFakeTimers();
    render(
      <I18nContext.Provider value={{ locale: 'en', t: messages.en }}>
        <noticesService.Component {...props()} />
      </I18nContext.Provider>,
    );
    await advance();
    expect(screen.getByTestId('content-in-chinese').textContent).toBe(
      'The hall publishes this information in Chinese only; staff at a service window can explain it.',
    );
    expect(document.body.textContent).toContain('关于调整退休人员基本养老金的通知');
  });

  it('in Chinese says nothing about it', async () => {
    vi.useFakeTimers();
    render(<noticesService.Component {...props()} />);
    await advance();
    expect(screen.getByTestId('cz-age')).toBeTruthy();
    expect(screen.queryByTestId('content-in-chinese')).toBeNull();
  });
});
