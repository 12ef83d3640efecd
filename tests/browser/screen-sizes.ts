// The four screens a kiosk UI must work on, and what "works" means at each: nothing sticks out
// sideways, the page does not scroll where the screen is meant to fit, the header stays one
// readable band, and the screen's main button can be pressed without scrolling.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './chromium';

export interface ScreenSize {
  width: number;
  height: number;
}

/** Portrait (立式 kiosks), full HD landscape, older 17" kiosks (5:4), and common laptop-sized panels. */
export const SCREEN_SIZES: readonly ScreenSize[] = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 1024 },
  { width: 1366, height: 768 },
];

export interface SizeCheck {
  /** The screen's main action (or its last tile): inside the viewport, unscrolled, at every size. */
  primary?: (page: Page) => Locator;
  /** The lowest screen height at which the whole screen must fit without vertical scrolling (default 1024). */
  fitsFrom?: number;
  /** The lowest screen height at which the main action must be on screen unscrolled (default: every size). */
  primaryFrom?: number;
}

/** What the page measures about itself after layout. */
interface Layout {
  scrollWidth: number;
  scrollHeight: number;
  innerWidth: number;
  innerHeight: number;
  sticking: string[];
  topBarHeight: number;
  hallLineCount: number;
}

function measure(): Layout {
  // Runs in the page; typed loosely because the tests are compiled without the DOM library.
  const w = globalThis as unknown as {
    innerWidth: number;
    innerHeight: number;
    document: {
      scrollingElement: { scrollWidth: number; scrollHeight: number };
      querySelectorAll(s: string): ArrayLike<El>;
      querySelector(s: string): El | null;
    };
    getComputedStyle(e: El): { overflowX: string; position: string; visibility: string; lineHeight: string };
  };
  interface El {
    getBoundingClientRect(): { left: number; right: number; width: number; height: number; top: number };
    parentElement: El | null;
    tagName: string;
    className: unknown;
    getAttribute(n: string): string | null;
  }
  const clipped = (el: El): boolean => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (w.getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const sticking: string[] = [];
  const all = w.document.querySelectorAll('body *');
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || w.getComputedStyle(el).visibility === 'hidden') continue;
    if ((r.right > w.innerWidth + 1 || r.left < -1) && !clipped(el)) {
      const id = el.getAttribute('data-testid');
      sticking.push(
        `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}.${String(el.className)} ${Math.round(r.left)}..${Math.round(r.right)}`,
      );
    }
  }
  const bar = w.document.querySelector('.top-bar');
  const hall = w.document.querySelector('.brand__hall');
  const hallLine = hall ? parseFloat(w.getComputedStyle(hall).lineHeight) : 1;
  return {
    scrollWidth: w.document.scrollingElement.scrollWidth,
    scrollHeight: w.document.scrollingElement.scrollHeight,
    innerWidth: w.innerWidth,
    innerHeight: w.innerHeight,
    sticking: sticking.slice(0, 8),
    topBarHeight: bar ? bar.getBoundingClientRect().height : 0,
    hallLineCount: hall ? Math.round(hall.getBoundingClientRect().height / hallLine) : 0,
  };
}

/**
 * Shows the current screen at each of the four sizes (resizing the one page), saves a screenshot
 * `size-<name>-<w>x<h>.png` of each, and asserts what a person would notice.
 */
export async function checkScreenSizes(page: Page, name: string, check: SizeCheck = {}): Promise<void> {
  const original = page.viewportSize();
  const problems: string[] = [];
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    const at = `${name} at ${size.width}x${size.height}`;
    // The screenshot waits for the resized page's paint. Without one, measuring is enough: reading
    // element boxes makes the page lay itself out at the new size first (no script in the renderer
    // reacts to the window's size; the layout is CSS alone).
    await screenshot(page, `size-${name}-${size.width}x${size.height}`);
    const layout = await page.evaluate(measure);
    if (layout.scrollWidth > layout.innerWidth) problems.push(`${at}: page is ${layout.scrollWidth} px wide`);
    if (layout.sticking.length > 0) problems.push(`${at}: sticking out: ${layout.sticking.join('; ')}`);
    if (layout.topBarHeight > 260) problems.push(`${at}: header is ${Math.round(layout.topBarHeight)} px high`);
    if (layout.hallLineCount > 2) problems.push(`${at}: hall name runs to ${layout.hallLineCount} lines`);
    if (size.height >= (check.fitsFrom ?? 1024) && layout.scrollHeight > layout.innerHeight) {
      problems.push(`${at}: page scrolls (${layout.scrollHeight} px tall)`);
    }
    if (check.primary && size.height >= (check.primaryFrom ?? 0)) {
      const box = await check.primary(page).boundingBox();
      if (!box) problems.push(`${at}: main action not shown`);
      else if (box.x < 0 || box.y < 0 || box.x + box.width > size.width + 1 || box.y + box.height > size.height + 1) {
        problems.push(
          `${at}: main action outside the screen (${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}x${Math.round(box.height)})`,
        );
      }
    }
  }
  if (original) await page.setViewportSize(original);
  expect.soft(problems).toEqual([]);
}
