/** A terminal shows only the services its installed devices can carry out (config leaves the rest out). */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import { kioskServices } from '../../renderer/src/services';
import { servicesFor } from '../../renderer/src/services/registry';
import { advance, createFakeKiosk, okStatus, recordingSpeech } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T02:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const tiles = () => screen.queryAllByTestId(/^service-/).map((el) => el.getAttribute('data-testid'));

async function startWith(notInstalled: NonNullable<typeof okStatus.notInstalled>) {
  const fake = createFakeKiosk({ status: { ...okStatus, notInstalled } });
  render(<App kiosk={fake.kiosk} speech={recordingSpeech().speech} services={kioskServices} />);
  await advance();
}

describe('services of devices the terminal does not have', () => {
  it('hides statements without an A4 printer and queue tickets without a receipt printer', async () => {
    await startWith(['a4Printer', 'receiptPrinter']);
    expect(tiles()).not.toContain('service-statements');
    expect(tiles()).not.toContain('service-queue');
    expect(tiles()).toContain('service-inquiry');
    expect(tiles()).toContain('service-guides');
  });

  it('hides every card service on a terminal that cannot read any card, keeping the card-free ones', async () => {
    await startWith(['idCardReader', 'ssCardReader', 'qrScanner']);
    const cardServices = kioskServices.filter((s) => s.needsSession).map((s) => `service-${s.id}`);
    expect(cardServices.length).toBeGreaterThan(0);
    for (const id of cardServices) expect(tiles()).not.toContain(id);
    expect(tiles()).toContain('service-guides');
    expect(tiles()).toContain('service-queue');
  });

  it('shows everything when the terminal reports nothing missing', () => {
    expect(servicesFor(kioskServices, null, okStatus).length).toBe(servicesFor(kioskServices, null).length);
    expect(servicesFor(kioskServices, null, { notInstalled: ['qrScanner'] }).map((s) => s.id)).toEqual(
      servicesFor(kioskServices, null).map((s) => s.id),
    );
  });
});
