/** Which guides a category chip shows. Pure. */
import type { ServiceGuide } from '../../../../contracts';

export function filterGuides(guides: readonly ServiceGuide[], categoryCode: string | null): ServiceGuide[] {
  return guides.filter((g) => categoryCode === null || g.categoryCode === categoryCode);
}
