/** The staff console's own handlers: sign-in, sign-out, who am I, the hall's recent activity. */
import type { staffRoutes } from '../../../contracts/staff';
import { recentAudit } from '../../staff/recent-audit';
import { staffLogin, staffLogout } from '../../staff/staff-auth';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

export function staffHandlers({ database: { db } }: RouteOptions): RouteHandlers<typeof staffRoutes> {
  return {
    staffLogin: async ({ body }) => staffLogin(db, body),
    staffLogout: async (_, { staff }) => staffLogout(db, staff),
    staffMe: async (_, { staff: { staffId, name, role, hallId, hallName } }) => ({
      staffId,
      name,
      role,
      hallId,
      hallName,
    }),
    staffAudit: async ({ query }, { staff }) => ({ entries: await recentAudit(db, staff.hallId, query.limit) }),
  };
}
