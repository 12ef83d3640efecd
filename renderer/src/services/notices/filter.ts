/** Notices of one kind, newest first. Pure. */
import type { Notice } from '../../../../contracts';

export function filterNotices(notices: readonly Notice[], category: string | null): Notice[] {
  return notices
    .filter((n) => category === null || n.category === category)
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}
