/** Schemas of the queue, fleet and staff routes (contracts/queue.ts, contracts/fleet.ts), for validation and OpenAPI. */
import {
  AckCommandRequest,
  AckCommandResponse,
  CommandListResponse,
  CommandParams,
  CommandsQuery,
  CommandView,
  FleetResponse,
  SendCommandRequest,
  StaffCheckRequest,
  StaffCheckResponse,
  TerminalCommandsResponse,
  TerminalParams,
  type fleetHallRoutes,
} from '../../contracts/fleet';
import {
  CallNextRequest,
  CallNextResponse,
  HallDisplayFeed,
  HallParams,
  IssueTicketRequest,
  PublicTicketView,
  QueueCategoriesResponse,
  QueueTicket,
  StaffLoginRequest,
  StaffLoginResponse,
  StaffQueueView,
  StaffTicket,
  StaffView,
  TicketParams,
  type queueHallRoutes,
  type staffApiRoutes,
} from '../../contracts/queue';
import type { RouteSchemas } from './route-schemas';

/** The kiosk ticket screen and the public pages. */
export const queueRouteSchemas = {
  queueCategories: {
    summary: "The terminal's hall's service categories with people waiting and the estimated wait",
    response: { status: 200, schema: QueueCategoriesResponse, name: 'QueueCategoriesResponse' },
    errors: [401],
  },
  issueTicket: {
    summary: 'Issue the next queue ticket of a category (idempotent per terminal and key)',
    body: { schema: IssueTicketRequest, name: 'IssueTicketRequest' },
    response: { status: 201, schema: QueueTicket, name: 'QueueTicket' },
    errors: [400, 401, 404, 409, 410],
  },
  publicTicket: {
    summary: 'A ticket as the public follow page shows it (no personal data)',
    params: TicketParams,
    response: { status: 200, schema: PublicTicketView, name: 'PublicTicketView' },
    errors: [400, 404],
  },
  hallDisplay: {
    summary: "The hall display's feed: current calls with window numbers (no personal data)",
    params: HallParams,
    response: { status: 200, schema: HallDisplayFeed, name: 'HallDisplayFeed' },
    errors: [400, 404],
  },
} satisfies { [K in keyof typeof queueHallRoutes]: RouteSchemas };

/** The terminal's fleet routes. */
export const fleetRouteSchemas = {
  terminalCommands: {
    summary: 'Pending commands for this terminal; long-polls up to waitMs for one',
    query: CommandsQuery,
    response: { status: 200, schema: TerminalCommandsResponse, name: 'TerminalCommandsResponse' },
    errors: [400, 401],
  },
  ackCommand: {
    summary: 'Acknowledge a command with its result (idempotent: the first result stands)',
    params: CommandParams,
    body: { schema: AckCommandRequest, name: 'AckCommandRequest' },
    response: { status: 200, schema: AckCommandResponse, name: 'AckCommandResponse' },
    errors: [400, 401, 404],
  },
  staffCheck: {
    summary: "Verify a staff member's PIN entered on this terminal's maintenance screen",
    body: { schema: StaffCheckRequest, name: 'StaffCheckRequest' },
    response: { status: 200, schema: StaffCheckResponse, name: 'StaffCheckResponse' },
    errors: [400, 401, 429],
  },
} satisfies { [K in keyof typeof fleetHallRoutes]: RouteSchemas };

/** The staff console's routes. */
export const staffRouteSchemas = {
  staffLogin: {
    summary: 'Staff sign-in: a bearer token for the staff routes',
    body: { schema: StaffLoginRequest, name: 'StaffLoginRequest' },
    response: { status: 200, schema: StaffLoginResponse, name: 'StaffLoginResponse' },
    errors: [400, 401, 429],
  },
  staffLogout: {
    summary: 'End this staff token (idempotent)',
    response: { status: 204, schema: null },
    errors: [401],
  },
  staffMe: {
    summary: 'The signed-in staff member',
    response: { status: 200, schema: StaffView, name: 'StaffView' },
    errors: [401],
  },
  staffQueue: {
    summary: "Today's queue of the staff member's hall",
    response: { status: 200, schema: StaffQueueView, name: 'StaffQueueView' },
    errors: [401],
  },
  staffCallNext: {
    summary: 'Call the oldest waiting ticket of the given categories to a window',
    body: { schema: CallNextRequest, name: 'CallNextRequest' },
    response: { status: 200, schema: CallNextResponse, name: 'CallNextResponse' },
    errors: [400, 401],
  },
  staffRecall: {
    summary: 'Call a called ticket again (the display chimes again)',
    params: TicketParams,
    response: { status: 200, schema: StaffTicket, name: 'StaffTicket' },
    errors: [400, 401, 404, 409],
  },
  staffSkip: {
    summary: 'Skip a waiting or called ticket (过号)',
    params: TicketParams,
    response: { status: 200, schema: StaffTicket, name: 'StaffTicket' },
    errors: [400, 401, 404, 409],
  },
  staffServe: {
    summary: 'Mark a called ticket served',
    params: TicketParams,
    response: { status: 200, schema: StaffTicket, name: 'StaffTicket' },
    errors: [400, 401, 404, 409],
  },
  staffTerminals: {
    summary: "Every terminal of the staff member's hall with health at a glance",
    response: { status: 200, schema: FleetResponse, name: 'FleetResponse' },
    errors: [401],
  },
  staffSendCommand: {
    summary: 'Send a command to a terminal of the hall (supervisors and admins)',
    params: TerminalParams,
    body: { schema: SendCommandRequest, name: 'SendCommandRequest' },
    response: { status: 201, schema: CommandView, name: 'CommandView' },
    errors: [400, 401, 403, 404],
  },
  staffTerminalCommands: {
    summary: "A terminal's last 50 commands with their results",
    params: TerminalParams,
    response: { status: 200, schema: CommandListResponse, name: 'CommandListResponse' },
    errors: [400, 401, 404],
  },
} satisfies { [K in keyof typeof staffApiRoutes]: RouteSchemas };
