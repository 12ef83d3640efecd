/**
 * What a kiosk service is to the shell: a tile on the start or home screen and a screen of its
 * own. Each service lives in `renderer/src/services/<id>/` with its own texts (both locales) and
 * its own step machine, and is listed once in `./index.ts`. The shell (App + state/machine.ts)
 * owns the session, the countdown, speech and the way back; a service owns only its steps.
 */
import type { ComponentType } from 'react';
import type { DeviceHealth, InsuranceSummary, KioskApi, SessionView, TerminalStatus } from '../../../contracts';
import type { Locale } from '../i18n/locale';

/** What the shell gives a service's screen. */
export interface ServiceProps {
  kiosk: KioskApi;
  /** The open session, or null when the service is used without a card. */
  session: SessionView | null;
  /** The session's insurance summary (already loaded), or null without a session. */
  summary: InsuranceSummary | null;
  terminal: TerminalStatus | null;
  /** The local clock, ticking once a second (for countdowns inside the service). */
  now: number;
  /** Leave the service: back to the home screen (with a session) or the start screen. */
  close(): void;
  /** Sets what the kiosk says aloud for the current step (the shell speaks it unless muted). */
  say(text: string): void;
  /**
   * Counts as a tap for the inactivity countdowns (the session's and the card-free one): for steps
   * where the person is busy without touching the screen, such as following the camera's prompts.
   */
  keepAlive(): void;
}

/** Text in both locales. */
export type Localized = Record<Locale, string>;

export interface ServiceDefinition {
  /** Stable id, also `data-testid="service-<id>"` on the tile. */
  id: string;
  /** True: the person must identify first (card or e-card); the tile asks for a card, then opens. */
  needsSession: boolean;
  title: Localized;
  /** One short line under the title on the tile. */
  hint: Localized;
  /** Tiles are ordered by this (small first). */
  order: number;
  /** Hidden when false for this session (e.g. certification only for retirees). Default: shown. */
  visible?(session: SessionView | null): boolean;
  /** Devices the service cannot work without: hidden on a terminal that does not have one of them. */
  needsDevices?: ReadonlyArray<DeviceHealth['device']>;
  /** A plain sentence saying why the service cannot be used right now (printer out…), or null. */
  unavailable?(terminal: TerminalStatus | null, locale: Locale): string | null;
  /**
   * A plain sentence shown on the tile, which stays usable, when the service works differently right
   * now (no paper: the number is shown on screen), or null.
   */
  notice?(terminal: TerminalStatus | null, locale: Locale): string | null;
  Component: ComponentType<ServiceProps>;
}

/** Any of these identifies a person (ID card, social security card, e-card by the QR scanner). */
const cardDevices: ReadonlyArray<DeviceHealth['device']> = ['idCardReader', 'ssCardReader', 'qrScanner'];

/**
 * The services a screen shows, in order: with a session all visible ones; without, all (card ones
 * ask for a card). A service needing a device the terminal does not have is left out, and so are
 * card services on a terminal with no way to read a card.
 */
export function servicesFor(
  all: readonly ServiceDefinition[],
  session: SessionView | null,
  terminal: Pick<TerminalStatus, 'notInstalled'> | null = null,
): ServiceDefinition[] {
  const absent = new Set(terminal?.notInstalled ?? []);
  const noCards = cardDevices.every((d) => absent.has(d));
  return all
    .filter((s) => s.visible?.(session) ?? true)
    .filter((s) => !(s.needsDevices ?? []).some((d) => absent.has(d)))
    .filter((s) => !(s.needsSession && noCards))
    .sort((a, b) => a.order - b.order);
}
