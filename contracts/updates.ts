/**
 * Updates staff roll out: a release (one package file of one version for one kind of terminal) is
 * uploaded once (server/cli/upload-release.ts), then an admin publishes it to a share of the hall's
 * terminals (a staged rollout), widens the share later or pauses it.
 *
 * The terminal asks `terminalUpdate` for its offer: the newest rolling release of its kind and arch
 * whose cohort includes it. The offer is a manifest (version, file name, size, SHA-512) signed with
 * the server's update-signing key (Ed25519, separate from the statement key). The terminal checks
 * the signature with keys pinned in its own configuration, then the downloaded file's size and
 * SHA-512 against the manifest, BEFORE installing; anything else is refused.
 *
 * Cohorts: the hall's enabled terminals are ranked by SHA-256(`<releaseId>:<terminalId>`); a share
 * of p% covers the first ceil(p × n / 100) of them. Deterministic (same ranking on every server),
 * exact (30% of 20 terminals is 6) and widening keeps everyone already in.
 *
 * Electron builds also get electron-updater's generic-provider feed for a release
 * (`latest.yml`, `latest-linux.yml`, `latest-linux-arm64.yml`, with the file's sha512), signed in the
 * `x-update-signature` header (`<keyId>:<base64>` over the exact bytes).
 */
import { z } from 'zod';
import { IsoDateTime } from './domain';
import { API_PREFIX, type HallRouteTable } from './hall-route';

/** What a package installs on: an Electron build or the thin-Linux terminal's .deb. */
export const UpdateKind = z.enum(['electron', 'deb']);
export type UpdateKind = z.infer<typeof UpdateKind>;

/** Debian-style architecture names (`amd64`, `arm64`); Electron builds use `x64` / `arm64`. */
export const UpdateArch = z.enum(['amd64', 'arm64', 'x64', 'all']);
export type UpdateArch = z.infer<typeof UpdateArch>;

/** A package version as dpkg and electron-updater accept it (`0.2.0`, `1.4.0-2`). */
export const UpdateVersion = z.string().regex(/^[0-9][0-9A-Za-z.+~-]{0,39}$/);

/** A file name as served under the feed (no path). */
export const UpdateFileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+~-]{0,119}$/);

/** What is signed: everything the terminal needs to check the file it downloads. */
export const ReleaseManifest = z
  .object({
    releaseId: z.string().uuid(),
    version: UpdateVersion,
    kind: UpdateKind,
    arch: UpdateArch,
    fileName: UpdateFileName,
    size: z.number().int().positive(),
    /** SHA-512 of the file, base64 (electron-updater's form). */
    sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
    uploadedAt: IsoDateTime,
  })
  .strict();
export type ReleaseManifest = z.infer<typeof ReleaseManifest>;

/** A manifest with its Ed25519 signature over canonical JSON (sorted keys, no spaces). */
export const SignedManifest = z.object({
  manifest: ReleaseManifest,
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().max(200),
});
export type SignedManifest = z.infer<typeof SignedManifest>;

/** `GET terminalUpdate?kind=&arch=&version=`: `version` is what the terminal runs now. */
export const UpdateQuery = z.object({ kind: UpdateKind, arch: UpdateArch, version: UpdateVersion }).strict();

/**
 * The offer: `offer` the release to install (null: none for this terminal now); `current` the
 * release of the version it runs, when the server has it, so a terminal can fetch the package it
 * would roll back to.
 */
export const UpdateOfferResponse = z.object({ offer: SignedManifest.nullable(), current: SignedManifest.nullable() });
export type UpdateOfferResponse = z.infer<typeof UpdateOfferResponse>;

export const ReleaseParams = z.object({ releaseId: z.string().uuid() }).strict();
export const FeedFileParams = z.object({ releaseId: z.string().uuid(), fileName: UpdateFileName }).strict();

/** How an update ended on a terminal. */
export const updateResults = ['installed', 'failed', 'rolledBack', 'refused'] as const;
export const UpdateResult = z.enum(updateResults);
export type UpdateResult = z.infer<typeof UpdateResult>;

/**
 * `POST reportUpdate`. `detail` is a code (`sha512Mismatch`, `noHealthyHeartbeat`), never personal
 * data. Idempotent per terminal, release and result. A `rolledBack` report pauses the rollout in
 * the terminal's hall, so a broken release reaches no more terminals until an admin decides.
 */
export const UpdateReportRequest = z
  .object({
    releaseId: z.string().uuid(),
    result: UpdateResult,
    /** The version the terminal runs after this step. */
    runningVersion: UpdateVersion,
    detail: z.string().max(200).nullable(),
  })
  .strict();
export type UpdateReportRequest = z.infer<typeof UpdateReportRequest>;

export const UpdateReportResponse = z.object({ recorded: z.boolean(), rolloutPaused: z.boolean() });

/** The public halves of the update-signing keys, to pin in a terminal's configuration. */
export const UpdateKeysResponse = z.object({
  keys: z.array(z.object({ keyId: z.string(), publicKeyPem: z.string(), current: z.boolean() })),
});
export type UpdateKeysResponse = z.infer<typeof UpdateKeysResponse>;

// ---------------------------------------------------------------------------------------------
// The staff side

export const RolloutStatus = z.enum(['notPublished', 'rolling', 'paused']);
export type RolloutStatus = z.infer<typeof RolloutStatus>;

/** A release as the admins of one hall see it, with its rollout there. */
export const ReleaseView = z.object({
  releaseId: z.string().uuid(),
  version: UpdateVersion,
  kind: UpdateKind,
  arch: UpdateArch,
  fileName: UpdateFileName,
  size: z.number().int(),
  uploadedAt: IsoDateTime,
  status: RolloutStatus,
  percent: z.number().int().min(0).max(100),
  /** How many of the hall's terminals the share covers now. */
  cohortSize: z.number().int(),
  terminalsInHall: z.number().int(),
  /** Reports from the hall's terminals, by result. */
  results: z.record(UpdateResult, z.number().int()),
  publishedBy: z.string().nullable(),
  publishedAt: IsoDateTime.nullable(),
});
export type ReleaseView = z.infer<typeof ReleaseView>;

export const ReleaseListResponse = z.object({ releases: z.array(ReleaseView) });
export type ReleaseListResponse = z.infer<typeof ReleaseListResponse>;

/** `POST staffPublishRelease`: start or widen the rollout to `percent` (never narrower: pause instead). */
export const PublishReleaseRequest = z.object({ percent: z.number().int().min(1).max(100) }).strict();
export type PublishReleaseRequest = z.infer<typeof PublishReleaseRequest>;

/** The routes of updates: the terminal's offer, feed, files and report; the admins' rollout. */
export const updateRoutes = {
  updateKeys: {
    method: 'GET',
    path: `${API_PREFIX}/update-keys`,
    auth: 'public',
    summary: 'The public halves of the update-signing keys (pin them in the terminal configuration)',
    response: { status: 200, schema: UpdateKeysResponse, name: 'UpdateKeysResponse' },
    errors: [],
  },
  terminalUpdate: {
    method: 'GET',
    path: `${API_PREFIX}/terminal/update`,
    auth: 'terminal',
    summary: "This terminal's signed update offer (null when its cohort has none)",
    query: UpdateQuery,
    response: { status: 200, schema: UpdateOfferResponse, name: 'UpdateOfferResponse' },
    errors: [],
  },
  updateFeedFile: {
    method: 'GET',
    path: `${API_PREFIX}/terminal/update-feed/:releaseId/:fileName`,
    auth: 'terminal',
    summary: "A release's package file, or its electron-updater feed (latest*.yml, signed in a header)",
    params: FeedFileParams,
    response: { status: 200, schema: null },
    errors: ['notFound'],
  },
  reportUpdate: {
    method: 'POST',
    path: `${API_PREFIX}/terminal/update/report`,
    auth: 'terminal',
    summary: 'How an update ended on this terminal (idempotent)',
    body: { schema: UpdateReportRequest, name: 'UpdateReportRequest' },
    response: { status: 200, schema: UpdateReportResponse, name: 'UpdateReportResponse' },
    errors: ['notFound'],
  },
  staffReleases: {
    method: 'GET',
    path: `${API_PREFIX}/staff/updates/releases`,
    auth: 'staff',
    summary: "Every uploaded release with its rollout in the staff member's hall, newest first",
    response: { status: 200, schema: ReleaseListResponse, name: 'ReleaseListResponse' },
    errors: [],
  },
  staffPublishRelease: {
    method: 'POST',
    path: `${API_PREFIX}/staff/updates/releases/:releaseId/publish`,
    auth: 'staff',
    roles: ['admin'],
    summary: "Publish a release to a share of the hall's terminals, or widen the share (admins)",
    params: ReleaseParams,
    body: { schema: PublishReleaseRequest, name: 'PublishReleaseRequest' },
    response: { status: 200, schema: ReleaseView, name: 'ReleaseView' },
    errors: ['notFound', 'conflict'],
  },
  staffPauseRelease: {
    method: 'POST',
    path: `${API_PREFIX}/staff/updates/releases/:releaseId/pause`,
    auth: 'staff',
    roles: ['admin'],
    summary: "Pause a release's rollout in the hall (admins); publishing again resumes it",
    params: ReleaseParams,
    response: { status: 200, schema: ReleaseView, name: 'ReleaseView' },
    errors: ['notFound'],
  },
} as const satisfies HallRouteTable;
