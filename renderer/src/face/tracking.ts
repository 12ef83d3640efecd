/**
 * The tracked region (issue 14, 15 frames/s): once a face is found, the next frame's detector and
 * landmarks run on a square around the last face box, drawn at the detector's input size (224),
 * instead of on the whole frame (read at full size, detector at 320).
 * The face then fills about the same share of the detector's input as on the full frame, so boxes
 * keep their scale; what is reported is always that frame's own detection and landmarks, never a
 * copied box. The whole frame is searched again when the face is lost (no face or two in the
 * square) and every few frames (a second person stepping in, a face moving away fast). Pure.
 */
import type { Box } from './liveness/quality';

/** Side of the square around the last box, as a multiple of the box's longer side. */
export const REGION_SCALE = 2;
/**
 * Tiny detector input for the square (a multiple of 32): about half of the 320 on the whole frame.
 * 160 lost a face filling 60 % of the square (franck_01829 at 640x480); 224 finds it.
 */
export const REGION_INPUT_SIZE = 224;
/** The whole frame is searched again at least this often (frames). */
export const FULL_FRAME_EVERY = 10;

/** Integer square of the frame around `box`, inside the frame; null when the frame is too small for one. */
export function regionAround(box: Box, frameWidth: number, frameHeight: number): Box | null {
  const side = Math.min(Math.round(Math.max(box.width, box.height) * REGION_SCALE), frameWidth, frameHeight);
  if (!(side >= 32) || !Number.isFinite(box.x + box.y)) return null;
  const clamp = (v: number, max: number) => Math.min(Math.max(0, v), max);
  const x = clamp(Math.round(box.x + box.width / 2 - side / 2), frameWidth - side);
  const y = clamp(Math.round(box.y + box.height / 2 - side / 2), frameHeight - side);
  return { x, y, width: side, height: side };
}

/** Where the next frame is searched: the region, or null for the whole frame. */
export interface TrackState {
  /** The last frame's one face box, or null (no face, several faces, or not yet searched). */
  last: Box | null;
  /** Frames since the whole frame was last searched. */
  sinceFull: number;
}

export const newTrack = (): TrackState => ({ last: null, sinceFull: 0 });

/** The region to search in this frame, or null to search the whole frame. */
export function nextRegion(track: TrackState, frameWidth: number, frameHeight: number): Box | null {
  if (!track.last || track.sinceFull + 1 >= FULL_FRAME_EVERY) return null;
  return regionAround(track.last, frameWidth, frameHeight);
}

/** Updates the track after a frame: `searchedWhole` when the whole frame was searched. */
export function advanceTrack(track: TrackState, faces: readonly { box: Box }[], searchedWhole: boolean): void {
  track.last = faces.length === 1 ? faces[0]!.box : null;
  track.sinceFull = searchedWhole ? 0 : track.sinceFull + 1;
}

/** A point or box found in the region drawn `size` pixels square, in the frame's coordinates. */
export function toFrame<T extends { x: number; y: number; width?: number; height?: number }>(
  p: T,
  region: Box,
  size: number,
): T {
  const k = region.width / size;
  const out = { ...p, x: region.x + p.x * k, y: region.y + p.y * k };
  if (p.width !== undefined) out.width = p.width * k;
  if (p.height !== undefined) out.height = p.height * k;
  return out;
}
