/** Offices of one district. Pure. */
import type { Office } from '../../../../contracts';

export function filterOffices(offices: readonly Office[], district: string | null): Office[] {
  return offices.filter((o) => district === null || o.district === district);
}
