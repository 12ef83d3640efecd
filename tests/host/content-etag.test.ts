// The terminal's content copy asks the real hall server "has it changed?" with the version it holds:
// an unchanged bundle comes back as a 304 with no body, the copy on screen stays the same and counts
// as fresh again; an edit in the database comes back whole; with the server gone the copy still shows.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedContent } from '../../contracts';
import { createCitizen, type Citizen } from '../../host/citizen/handlers';
import { CONTENT_FILE } from '../../host/citizen/content-cache';
import { HallClient } from '../../host/hall-client/hall-client';
import { startHallServer, type HallServer } from '../../server';
import { jobPostings } from '../../server/db/schema';

process.env.KIOSK_LOG = process.env.CZ_DEBUG ? 'debug' : 'silent';

let hall: HallServer;
let dataDir: string;
let citizen: Citizen;
let clock = Date.parse('2026-03-02T02:00:00Z');
/** What came over the wire for each bundle request: status, bytes of body, the If-None-Match sent. */
const wire: Array<{ status: number; bytes: number; ifNoneMatch: string | null }> = [];

const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const bytes = (await response.clone().arrayBuffer()).byteLength;
  const sent = new Headers(init?.headers).get('if-none-match');
  wire.push({ status: response.status, bytes, ifNoneMatch: sent });
  return response;
};

function citizenOn(baseUrl: string, secret: string): Citizen {
  const client = new HallClient({
    baseUrl,
    terminalId: 'KIOSK-ETAG-01',
    terminalSecret: secret,
    timeoutMs: 3000,
    fetch: recordingFetch,
  });
  // Only the content is used here: the other parts are never touched.
  return createCitizen({
    hall: client,
    sessions: {} as never,
    devices: {} as never,
    events: {} as never,
    status: {} as never,
    dataDir,
    now: () => clock,
  });
}

const getContent = () => citizen.handlers.getContent({}) as Promise<CachedContent>;

let secret: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-etag-'));
  hall = await startHallServer({ seedIfEmpty: true, enrolDemoFaces: false });
  secret = await hall.registerTerminal({ terminalId: 'KIOSK-ETAG-01' });
  citizen = citizenOn(hall.url, secret);
}, 300_000);
afterAll(async () => {
  await hall?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the content bundle, fetched only when it changed', () => {
  it('the second visit gets a 304 with no body; the screen data is the same and its age restarts', async () => {
    const first = await getContent();
    expect(wire).toHaveLength(1);
    expect(wire[0]).toMatchObject({ status: 200, ifNoneMatch: null });
    expect(wire[0]!.bytes).toBeGreaterThan(1000);
    expect(first.fresh).toBe(true);
    expect(first.content!.jobs.length).toBeGreaterThan(0);

    clock += 3_600_000; // an hour later another person opens an information screen
    const second = await getContent();
    expect(wire).toHaveLength(2);
    expect(wire[1]).toEqual({ status: 304, bytes: 0, ifNoneMatch: `"${first.content!.version}"` });
    expect(second.content).toEqual(first.content);
    expect(second).toMatchObject({ fresh: true, ageMs: 0, fetchedAt: new Date(clock).toISOString() });
    // The copy on disk was rewritten with the new date, still whole and parseable.
    const onDisk = JSON.parse(readFileSync(path.join(dataDir, CONTENT_FILE), 'utf8')) as {
      fetchedAt: string;
      content: { version: string };
    };
    expect(onDisk.fetchedAt).toBe(new Date(clock).toISOString());
    expect(onDisk.content.version).toBe(first.content!.version);
  });

  it('an edit in the database comes back whole, with the new text', async () => {
    const before = await getContent();
    const job = before.content!.jobs[0]!;
    await hall.db
      .update(jobPostings)
      .set({ title: `${job.title}（急招）`, updatedAt: sql`now()` })
      .where(eq(jobPostings.id, job.id));
    wire.length = 0;
    const after = await getContent();
    expect(wire).toHaveLength(1);
    expect(wire[0]).toMatchObject({ status: 200, ifNoneMatch: `"${before.content!.version}"` });
    expect(wire[0]!.bytes).toBeGreaterThan(1000);
    expect(after.content!.version).not.toBe(before.content!.version);
    expect(after.content!.jobs.find((j) => j.id === job.id)!.title).toBe(`${job.title}（急招）`);
  });

  it('with the hall server gone the kept copy still shows, with its age', async () => {
    const held = await getContent();
    const offline = citizenOn('http://127.0.0.1:9/', secret);
    clock += 600_000;
    const shown = (await offline.handlers.getContent({})) as CachedContent;
    expect(shown.fresh).toBe(false);
    expect(shown.content).toEqual(held.content);
    expect(shown.ageMs).toBe(600_000);
  });
});
