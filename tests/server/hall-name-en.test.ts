// The hall's English name (HALL_NAME_EN) reaches the terminal with its profile; without it the
// profile carries none and English screens keep the Chinese name.
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalProfile } from '../../contracts/hall-api';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';

describe.each(backends.slice(0, 1))("the hall's English name ($name)", (backend) => {
  let hall: TestHall | undefined;
  afterEach(() => hall?.close());

  const profile = async () =>
    TerminalProfile.parse((await hall!.inject({ as: 'a', method: 'GET', url: '/api/v1/terminal' })).json());

  it('is in the terminal profile when configured, beside the Chinese name', async () => {
    hall = await openTestHall(backend, { hallNameEn: 'Tianhe District HR and Social Security Service Hall' });
    const p = await profile();
    expect(p.hallNameEn).toBe('Tianhe District HR and Social Security Service Hall');
    expect(p.hallName).toContain('天河区人社服务大厅');
  });

  it('is absent when not configured', async () => {
    hall = await openTestHall(backend);
    expect((await profile()).hallNameEn).toBeUndefined();
  });
});
