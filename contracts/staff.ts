/** The staff console's own routes: sign-in, sign-out, who am I, and the hall's recent activity. */
import { API_PREFIX, type HallRouteTable } from './hall-route';
import { StaffLoginRequest, StaffLoginResponse, StaffView } from './queue';
import { AuditListResponse, AuditQuery } from './staff-audit';

export const staffRoutes = {
  staffLogin: {
    method: 'POST',
    path: `${API_PREFIX}/staff/login`,
    auth: 'public',
    summary: 'Staff sign-in: a bearer token for the staff routes',
    body: { schema: StaffLoginRequest, name: 'StaffLoginRequest' },
    response: { status: 200, schema: StaffLoginResponse, name: 'StaffLoginResponse' },
    errors: ['unauthorized', 'rateLimited'],
  },
  staffLogout: {
    method: 'POST',
    path: `${API_PREFIX}/staff/logout`,
    auth: 'staff',
    summary: 'End this staff token (idempotent)',
    response: { status: 204, schema: null },
    errors: [],
  },
  staffMe: {
    method: 'GET',
    path: `${API_PREFIX}/staff/me`,
    auth: 'staff',
    summary: 'The signed-in staff member',
    response: { status: 200, schema: StaffView, name: 'StaffView' },
    errors: [],
  },
  staffAudit: {
    method: 'GET',
    path: `${API_PREFIX}/staff/audit`,
    auth: 'staff',
    roles: ['supervisor', 'admin'],
    summary: "Recent audit entries of the staff member's hall (ids and codes only); supervisors and admins",
    query: AuditQuery,
    response: { status: 200, schema: AuditListResponse, name: 'AuditListResponse' },
    errors: [],
  },
} as const satisfies HallRouteTable;
