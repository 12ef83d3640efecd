/** The kiosk's face engine (one per page: models load once) and the camera stream. */
import type { BrowserFaceEngine } from '../../face/engine';

let engine: Promise<BrowserFaceEngine> | null = null;

/** The shared engine, loaded on first use (its code and models are large: not on the first screen). */
export function faceEngine(): Promise<BrowserFaceEngine> {
  engine ??= import('../../face/engine').then(async ({ createFaceEngine }) => {
    const created = createFaceEngine();
    await created.load();
    // The soak's probe (bench/soak.ts): live tfjs tensors, a count and nothing else.
    (globalThis as { kioskFaceTensors?: () => number }).kioskFaceTensors = () => created.numTensors();
    return created;
  });
  // A failed load may succeed later (another visit): do not keep the rejection.
  engine.catch(() => {
    engine = null;
  });
  return engine;
}

/** The front camera, small enough for the face model (frames stay in memory, never stored). */
export function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
    audio: false,
  });
}

/** Stops every track, so the camera light goes off at once. */
export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
