/**
 * The face challenge (issue 14): the hall server chooses what one face attempt asks (actions and a
 * screen-light colour sequence), stores it, and checks the evidence against it. The evidence is
 * per-frame numbers, never images: time, face box, the few landmark measures the actions need,
 * the face's and the background's mean colour, and descriptors of frontal, sharp frames.
 */
import { z } from 'zod';
import { IsoDateTime } from './domain';
import { API_PREFIX, type HallRouteTable, SESSION_ERRORS, SessionParams } from './hall-route';

/** One active-liveness action (same names as the renderer's face engine). */
export const LivenessAction = z.enum(['blink', 'openMouth', 'turnLeft', 'turnRight']);
export type LivenessAction = z.infer<typeof LivenessAction>;

/** A face descriptor: 128 finite numbers (face-api's recognition model). */
export const DESCRIPTOR_LENGTH = 128;
export const FaceDescriptor = z.array(z.number().finite().min(-10).max(10)).length(DESCRIPTOR_LENGTH);
export type FaceDescriptor = z.infer<typeof FaceDescriptor>;

/** Shortest time one screen colour is shown: never more than 3 changes a second. */
export const LIGHT_STEP_MIN_MS = 400;
/** The most frames one attempt may carry (about 2 minutes at 15 frames a second). */
export const MAX_EVIDENCE_FRAMES = 1800;
/** The most descriptors one attempt may carry. */
export const MAX_DESCRIPTORS = 10;
/** Evidence of up to MAX_EVIDENCE_FRAMES frames and 10 descriptors. */
export const EVIDENCE_BODY_LIMIT = 512 * 1024;

const Rgb = z.tuple([z.number().min(0).max(255), z.number().min(0).max(255), z.number().min(0).max(255)]);

/** One colour field of the screen-light sequence, shown for `ms` milliseconds. */
export const LightStep = z.object({ rgb: Rgb, ms: z.number().int().min(LIGHT_STEP_MIN_MS).max(5000) }).strict();
export type LightStep = z.infer<typeof LightStep>;

/** Why a face attempt is asked: the yearly certification, or the second factor of a session. */
export const FaceChallengePurpose = z.enum(['certification', 'faceCheck']);
export type FaceChallengePurpose = z.infer<typeof FaceChallengePurpose>;

/** What the hall server asks of one attempt; the terminal can neither choose, reuse nor extend it. */
export const FaceChallenge = z.object({
  challengeId: z.string().uuid(),
  purpose: FaceChallengePurpose,
  actions: z.array(LivenessAction).min(2).max(3),
  /** Time allowed for each action, from the end of the previous one. */
  actionTimeoutMs: z.number().int().min(1000).max(60_000),
  /** The screen's colour fields, from the first frame on; white after the last. */
  light: z.array(LightStep).min(4).max(400),
  issuedAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type FaceChallenge = z.infer<typeof FaceChallenge>;

/**
 * One analysed camera frame as numbers. `t`: milliseconds since the light sequence started;
 * `box`: face box [x, y, width, height] in frame pixels of a `w`×`h` frame; `ear`, `mar`, `yaw`:
 * eye and mouth aspect ratios and yaw (-1..1) from the 68 landmarks; `dark`: the eye region's dark
 * level (null when not read); `skin`, `bg`: mean RGB of the face's skin region and of the frame
 * outside the face.
 */
export const FaceFrame = z
  .object({
    t: z.number().finite().min(0).max(600_000),
    w: z.number().int().min(16).max(8192),
    h: z.number().int().min(16).max(8192),
    box: z.tuple([z.number().finite(), z.number().finite(), z.number().finite().min(1), z.number().finite().min(1)]),
    ear: z.number().finite().min(-10).max(10),
    mar: z.number().finite().min(-10).max(10),
    yaw: z.number().finite().min(-10).max(10),
    dark: z.number().finite().min(0).max(1000).nullable(),
    skin: Rgb,
    bg: Rgb,
  })
  .strict();
export type FaceFrame = z.infer<typeof FaceFrame>;

/** A descriptor with the index (in `frames`) of the frame it was computed from. */
export const FrameDescriptor = z.object({ frame: z.number().int().min(0), values: FaceDescriptor }).strict();
export type FrameDescriptor = z.infer<typeof FrameDescriptor>;

/** Scores the terminal measured; the server records them (gates only where measured to help). */
export const AttemptScores = z
  .object({
    /** Largest distance between two of the attempt's descriptors. */
    consistency: z.number().finite().min(0).max(100),
    /** Passive anti-spoof score 0..1, null when the model was not loaded. */
    antiSpoof: z.number().finite().min(0).max(1).nullable(),
    /** Passive liveness score 0..1, null when the model was not loaded. */
    liveness: z.number().finite().min(0).max(1).nullable(),
  })
  .strict();
export type AttemptScores = z.infer<typeof AttemptScores>;

/** What one attempt shows the server: the challenge it answers and the frames' numbers. */
export const FaceEvidence = z
  .object({
    challengeId: z.string().uuid(),
    frames: z.array(FaceFrame).min(1).max(MAX_EVIDENCE_FRAMES),
    descriptors: z.array(FrameDescriptor).min(1).max(MAX_DESCRIPTORS),
    scores: AttemptScores,
  })
  .strict();
export type FaceEvidence = z.infer<typeof FaceEvidence>;

export const IssueFaceChallengeRequest = z.object({ purpose: FaceChallengePurpose }).strict();

/** The hall route that issues a challenge. */
export const faceChallengeRoutes = {
  issueFaceChallenge: {
    method: 'POST',
    path: `${API_PREFIX}/sessions/:sessionId/face-challenges`,
    auth: 'terminal',
    summary:
      'Issue one face attempt’s challenge (actions, screen-light sequence, expiry); the terminal must be in service and heartbeating, the session card-opened here minutes ago and the only open one',
    params: SessionParams,
    body: { schema: IssueFaceChallengeRequest, name: 'IssueFaceChallengeRequest' },
    response: { status: 200, schema: FaceChallenge, name: 'FaceChallenge' },
    errors: [...SESSION_ERRORS, 'forbidden', 'rateLimited'],
  },
} as const satisfies HallRouteTable;
