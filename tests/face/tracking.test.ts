// The tracked region (renderer/src/face/tracking.ts): where the next frame's detector looks, and
// when it searches the whole frame again.
import { describe, expect, it } from 'vitest';
import {
  advanceTrack,
  FULL_FRAME_EVERY,
  newTrack,
  nextRegion,
  regionAround,
  toFrame,
} from '../../renderer/src/face/tracking';

const face = { x: 250, y: 150, width: 140, height: 160 };

describe('tracked region', () => {
  it('is a square twice the face, centred on it, inside the frame', () => {
    expect(regionAround(face, 640, 480)).toEqual({ x: 160, y: 70, width: 320, height: 320 });
    // Near the edge it slides inside rather than shrink; a face bigger than half the frame gets the frame's height.
    expect(regionAround({ x: 560, y: 400, width: 70, height: 70 }, 640, 480)).toEqual({
      x: 500,
      y: 340,
      width: 140,
      height: 140,
    });
    expect(regionAround({ x: 170, y: 100, width: 300, height: 320 }, 640, 480)).toEqual({
      x: 80,
      y: 0,
      width: 480,
      height: 480,
    });
    expect(regionAround({ x: 5, y: 5, width: 10, height: 10 }, 640, 480)).toBeNull(); // too small to search
  });

  it('searches the whole frame first, when the face was lost or doubled, and every few frames', () => {
    const track = newTrack();
    expect(nextRegion(track, 640, 480)).toBeNull();
    advanceTrack(track, [{ box: face }], true);
    const searched: Array<'region' | 'whole'> = [];
    for (let i = 0; i < 2 * FULL_FRAME_EVERY; i++) {
      const region = nextRegion(track, 640, 480);
      searched.push(region ? 'region' : 'whole');
      advanceTrack(track, [{ box: face }], region === null);
    }
    expect(searched.filter((s) => s === 'whole')).toHaveLength(2);
    expect(searched.slice(0, FULL_FRAME_EVERY - 1).every((s) => s === 'region')).toBe(true);
    advanceTrack(track, [{ box: face }, { box: { ...face, x: 10 } }], false);
    expect(nextRegion(track, 640, 480)).toBeNull();
    advanceTrack(track, [], true);
    expect(nextRegion(track, 640, 480)).toBeNull();
  });

  it('maps what the detector found in the drawn square back to the frame', () => {
    const region = { x: 160, y: 70, width: 320, height: 320 };
    expect(toFrame({ x: 56, y: 28, width: 112, height: 112 }, region, 224)).toEqual({
      x: 240,
      y: 110,
      width: 160,
      height: 160,
    });
    expect(toFrame({ x: 0, y: 224 }, region, 224)).toEqual({ x: 160, y: 390 });
  });
});
