/** What a refused case (不予受理) says about why: the office's note on its last step that has one (pure). */
import type { CaseProgress } from '../../../../contracts';

/** The reason the back office wrote for a refused case, or null (not refused, or no note recorded). */
export function refusalReason(c: CaseProgress): string | null {
  if (c.status !== 'rejected') return null;
  for (let i = c.steps.length - 1; i >= 0; i--) {
    const note = c.steps[i]!.note?.trim();
    if (note) return note;
  }
  return null;
}
