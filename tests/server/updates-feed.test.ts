// Updates from the hall server: an uploaded release reaches exactly its share of the hall's
// terminals (30% of 20 is 6; widening keeps them; pausing stops offers), every offer is signed with
// the update key the server publishes, the electron-updater feed names the file's real sha512 and is
// signed too, a tampered manifest or file is refused by the terminal's checks, a rollback report
// pauses the rollout, only admins publish, and each step leaves an audit row.
import { createHash } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { load as loadYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReleaseListResponse, ReleaseView, UpdateKeysResponse, UpdateOfferResponse } from '../../contracts/updates';
import { pinnedKeys, UpdateRefused, verifyFeed, verifyFile, verifyManifest } from '../../host/updates/verify';
import { auditLog } from '../../server/db/schema';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { registerTerminal } from '../../server/terminals/register';
import { uploadRelease } from '../../server/updates/releases';
import { buildTestDeb } from '../host/update-packages';
import { backends } from './support/backends';
import { TERMINAL_A, TERMINAL_B, type TestHall, bearer, openTestHall } from './support/hall';
import { staffHeaders, testClock } from './support/queue';

const clock = testClock('2026-07-01T03:00:00Z');
const deb = buildTestDeb('0.2.0');

describe.each(backends)('update feed on $name', (backend) => {
  let hall: TestHall;
  let admin: Record<string, string>;
  let supervisor: Record<string, string>;
  const fleet: Record<string, Record<string, string>> = {};
  let releaseId: string;
  let keys: ReturnType<typeof pinnedKeys>;

  beforeAll(async () => {
    hall = await openTestHall(backend, { now: clock.now });
    admin = await staffHeaders(hall, 'S004');
    supervisor = await staffHeaders(hall, 'S003');
    fleet[TERMINAL_A] = hall.a;
    fleet[TERMINAL_B] = hall.b;
    for (let i = 1; i <= 18; i++) {
      const id = `KIOSK-U${String(i).padStart(2, '0')}`;
      fleet[id] = bearer(id, await registerTerminal(hall.database.db, { terminalId: id, hallId: DEMO_HALL_ID }));
    }
    releaseId = (
      await uploadRelease(hall.database.db, {
        version: '0.2.0',
        kind: 'deb',
        arch: 'all',
        fileName: deb.fileName,
        bytes: deb.bytes,
        uploadedBy: 'cli:test',
      })
    ).releaseId;
    const res = await hall.inject({ method: 'GET', url: '/api/v1/update-keys' });
    keys = pinnedKeys(UpdateKeysResponse.parse(res.json()).keys.map((k) => k.publicKeyPem));
  });
  afterAll(async () => {
    await hall?.close();
  });

  const offerTo = async (terminalId: string, query = 'kind=deb&arch=amd64&version=0.1.0') => {
    const res = await hall.inject({
      method: 'GET',
      url: `/api/v1/terminal/update?${query}`,
      headers: fleet[terminalId],
    });
    expect(res.statusCode, res.body).toBe(200);
    return UpdateOfferResponse.parse(res.json());
  };
  const offered = async () => {
    const ids: string[] = [];
    for (const id of Object.keys(fleet)) if ((await offerTo(id)).offer) ids.push(id);
    return ids;
  };
  const publish = (percent: number, headers = admin) =>
    hall.inject({
      method: 'POST',
      url: `/api/v1/staff/updates/releases/${releaseId}/publish`,
      headers,
      payload: { percent },
    });

  it('offers nothing until an admin publishes; supervisors may not publish', async () => {
    expect(await offered()).toEqual([]);
    expect((await publish(30, supervisor)).statusCode).toBe(403);
    const list = ReleaseListResponse.parse(
      (await hall.inject({ method: 'GET', url: '/api/v1/staff/updates/releases', headers: supervisor })).json(),
    );
    expect(list.releases.map((r) => [r.version, r.status, r.percent])).toEqual([['0.2.0', 'notPublished', 0]]);
  });

  let firstCohort: string[] = [];
  it('publishes to 30% of 20 terminals: exactly 6, the same 6 on every ask', async () => {
    const res = await publish(30);
    expect(res.statusCode, res.body).toBe(200);
    expect(ReleaseView.parse(res.json())).toMatchObject({
      status: 'rolling',
      percent: 30,
      cohortSize: 6,
      terminalsInHall: 20,
    });
    firstCohort = await offered();
    expect(firstCohort).toHaveLength(6);
    expect(await offered()).toEqual(firstCohort);
  });

  it('signs the offer with the published update key; a changed manifest or foreign key is refused', async () => {
    const { offer } = await offerTo(firstCohort[0]!);
    const manifest = verifyManifest(offer!, keys);
    expect(manifest).toMatchObject({
      version: '0.2.0',
      kind: 'deb',
      arch: 'all',
      fileName: deb.fileName,
      size: deb.bytes.length,
    });
    expect(manifest.sha512).toBe(createHash('sha512').update(deb.bytes).digest('base64'));
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof UpdateRefused ? error.code : String(error);
      }
      return 'accepted';
    };
    expect(refusal(() => verifyManifest({ ...offer!, manifest: { ...offer!.manifest, version: '0.2.1' } }, keys))).toBe(
      'badSignature',
    );
    expect(
      refusal(() => verifyManifest({ ...offer!, manifest: { ...offer!.manifest, size: deb.bytes.length + 1 } }, keys)),
    ).toBe('badSignature');
    expect(refusal(() => verifyManifest(offer!, new Map()))).toBe('unknownKey');
    // The file as served is exactly the uploaded package; one flipped byte is refused.
    const file = await hall.inject({
      method: 'GET',
      url: `/api/v1/terminal/update-feed/${releaseId}/${deb.fileName}`,
      headers: fleet[firstCohort[0]!],
    });
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, deb.bytes)).toBe(0);
    expect(refusal(() => verifyFile(file.rawPayload, manifest))).toBe('accepted');
    const tampered = Buffer.from(file.rawPayload);
    tampered[tampered.length - 10]! ^= 0x01;
    expect(refusal(() => verifyFile(tampered, manifest))).toBe('sha512Mismatch');
    expect(refusal(() => verifyFile(tampered.subarray(1), manifest))).toBe('sizeMismatch');
  });

  it('widens to 50%: 10 terminals, the first 6 among them; narrowing is refused; pausing stops offers', async () => {
    expect((await publish(50)).statusCode).toBe(200);
    const wider = await offered();
    expect(wider).toHaveLength(10);
    expect(wider).toEqual(expect.arrayContaining(firstCohort));
    expect((await publish(20)).statusCode).toBe(409);
    const paused = await hall.inject({
      method: 'POST',
      url: `/api/v1/staff/updates/releases/${releaseId}/pause`,
      headers: admin,
    });
    expect(ReleaseView.parse(paused.json()).status).toBe('paused');
    expect(await offered()).toEqual([]);
    expect((await publish(50)).statusCode).toBe(200);
    expect(await offered()).toEqual(wider);
  });

  it('serves a signed electron-updater feed whose sha512 is the file’s', async () => {
    const bytes = Buffer.from('an Electron AppImage stand-in, bytes only');
    const electron = await uploadRelease(hall.database.db, {
      version: '0.3.0',
      kind: 'electron',
      arch: 'x64',
      fileName: 'hrss-kiosk-0.3.0.AppImage',
      bytes,
      uploadedBy: 'cli:test',
    });
    const res = await hall.inject({
      method: 'GET',
      url: `/api/v1/terminal/update-feed/${electron.releaseId}/latest-linux.yml`,
      headers: hall.a,
    });
    expect(res.statusCode, res.body).toBe(200);
    const feed = loadYaml(res.body) as {
      version: string;
      files: { url: string; sha512: string; size: number }[];
      path: string;
    };
    expect(feed.version).toBe('0.3.0');
    expect(feed.files).toEqual([
      {
        url: 'hrss-kiosk-0.3.0.AppImage',
        sha512: createHash('sha512').update(bytes).digest('base64'),
        size: bytes.length,
      },
    ]);
    expect(() => verifyFeed(res.body, res.headers['x-update-signature'] as string, electron, keys)).not.toThrow();
    expect(() =>
      verifyFeed(res.body.replace('0.3.0', '0.3.1'), res.headers['x-update-signature'] as string, electron, keys),
    ).toThrow(UpdateRefused);
    // A .deb release has no electron-updater feed.
    const none = await hall.inject({
      method: 'GET',
      url: `/api/v1/terminal/update-feed/${releaseId}/latest-linux.yml`,
      headers: hall.a,
    });
    expect(none.statusCode).toBe(404);
  });

  it('a rolled-back report pauses the rollout in the hall; reports are idempotent and audited', async () => {
    const who = firstCohort[0]!;
    const report = (result: string) =>
      hall.inject({
        method: 'POST',
        url: '/api/v1/terminal/update/report',
        headers: fleet[who],
        payload: { releaseId, result, runningVersion: '0.1.0', detail: 'noHealthyHeartbeat' },
      });
    expect((await report('rolledBack')).json()).toEqual({ recorded: true, rolloutPaused: true });
    expect((await report('rolledBack')).json()).toEqual({ recorded: false, rolloutPaused: false });
    expect(await offered()).toEqual([]);
    const list = ReleaseListResponse.parse(
      (await hall.inject({ method: 'GET', url: '/api/v1/staff/updates/releases', headers: admin })).json(),
    );
    expect(list.releases.find((r) => r.releaseId === releaseId)).toMatchObject({
      status: 'paused',
      results: { rolledBack: 1, installed: 0 },
    });
    const rows = await hall.database.db
      .select({ action: auditLog.action, result: auditLog.result, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(like(auditLog.action, 'update.%'), eq(auditLog.subjectId, releaseId)))
      .orderBy(auditLog.id);
    expect(rows).toEqual([
      { action: 'update.upload', result: 'ok', actorId: 'cli:test' },
      { action: 'update.publish', result: 'ok', actorId: 'S004' },
      { action: 'update.download', result: 'ok', actorId: firstCohort[0] },
      { action: 'update.publish', result: 'ok', actorId: 'S004' },
      { action: 'update.pause', result: 'ok', actorId: 'S004' },
      { action: 'update.publish', result: 'ok', actorId: 'S004' },
      { action: 'update.report', result: 'rolledBack', actorId: who },
      { action: 'update.pause', result: 'ok', actorId: 'update-guard' },
    ]);
  });
});
