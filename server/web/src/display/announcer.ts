/**
 * Decides what the hall display says aloud, from successive polls of the display feed.
 * Pure: the page feeds it every poll and speaks what comes out, in order.
 *
 * - A call is announced once per time it was called: a recall (staff pressing 重呼) bumps the
 *   call's count and is announced again; polling the same feed again announces nothing.
 * - The first poll after the page opens only takes note: a display switched on mid-morning does
 *   not read out the whole morning.
 * - Oldest first, so people hear calls in the order staff made them.
 */

/** One call as the display feed shows it. */
export interface AnnounceableCall {
  /** Stable id of the call (the ticket's id is enough: a ticket is called to one window at a time). */
  id: string;
  /** The ticket number as printed, e.g. `A017`. */
  ticketNo: string;
  /** The window it is called to. */
  windowNo: number;
  /** How many times it has been called (1 + recalls). */
  times: number;
  /** When it was last called (ISO 8601); orders announcements. */
  calledAt: string;
}

/** One sentence to speak. `key` is unique per call and time called. */
export interface Announcement {
  key: string;
  text: string;
}

/** What the announcer remembers between polls. */
export interface AnnouncerState {
  primed: boolean;
  /** Call id -> how many times it has been announced (or noted). */
  heard: ReadonlyMap<string, number>;
}

/** Keeps memory bounded on a display that runs all day. */
const MAX_REMEMBERED = 2000;

export const initialAnnouncer: AnnouncerState = { primed: false, heard: new Map() };

/** The sentence for a call: always names the ticket and the window. */
export function announcementText(ticketNo: string, windowNo: number): string {
  return `请 ${ticketNo} 号到 ${windowNo} 号窗口办理`;
}

/** Takes one poll's calls; returns the new state and what to say now, in order. */
export function announce(
  state: AnnouncerState,
  calls: readonly AnnounceableCall[],
): { state: AnnouncerState; say: Announcement[] } {
  const heard = new Map(state.heard);
  const say: Announcement[] = [];
  const ordered = [...calls].sort((a, b) => a.calledAt.localeCompare(b.calledAt) || a.id.localeCompare(b.id));
  for (const call of ordered) {
    const before = heard.get(call.id) ?? 0;
    if (call.times <= before) continue;
    heard.delete(call.id); // re-insert so the map's order is "last heard"
    heard.set(call.id, call.times);
    if (!state.primed) continue;
    // Called several times between two polls: one announcement per time, as staff pressed it.
    for (let n = before + 1; n <= call.times; n++) {
      say.push({ key: `${call.id}#${n}`, text: announcementText(call.ticketNo, call.windowNo) });
    }
  }
  while (heard.size > MAX_REMEMBERED) heard.delete(heard.keys().next().value as string);
  return { state: { primed: true, heard }, say };
}
