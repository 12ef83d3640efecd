/** The queue, fleet and staff routes (contracts/queue.ts, contracts/fleet.ts): their schemas (validation, OpenAPI) and wiring. */
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
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hallRoutes } from '../../contracts/hall-api';
import type { Database } from '../db/types';
import { createCommandWaiter } from '../fleet/command-waiter';
import { ackCommand, listCommands, pendingCommands, sendCommand } from '../fleet/commands';
import { fleetOf } from '../fleet/fleet-view';
import { actOnTicket, callNext, staffQueue } from '../queue/staff-queue';
import {
  DEFAULT_MAX_ACTIVE_PER_PERSON,
  DEFAULT_SERVICE_MIN,
  type QueueOptions,
  hallDisplay,
  issueTicket,
  publicTicket,
  queueCategories,
} from '../queue/tickets';
import { requireRole, staffAuth, staffLogin, staffLogout, staffOf } from '../staff/staff-auth';
import { staffCheck } from '../staff/staff-check';
import type { RouteSchemas } from './route-schemas';
import { terminalAuth, terminalOf } from './terminal-auth';
import { parseInput } from './validate';

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

/** What the queue, fleet and staff routes need. */
export interface QueueRouteOptions {
  database: Database;
  sessionIdleMs: number;
  /** The clock for service days, ticket times and command expiry (tests inject one). */
  now?: () => Date;
  /** Active tickets per person, category and day (default 1; 0: no limit). */
  queueMaxActivePerPerson?: number;
  /** The base of follow-page URLs in QR codes (default: the scheme and host the terminal called). */
  publicBaseUrl?: string;
  /** How often each instance checks for new commands while terminals long-poll (default 250 ms). */
  commandPollMs?: number;
}

/** Registers the queue, fleet and staff routes (called at the end of `registerRoutes`). */
export function registerQueueRoutes(app: FastifyInstance, options: QueueRouteOptions): void {
  const { db } = options.database;
  const now = options.now ?? (() => new Date());
  const queue: QueueOptions = {
    now,
    sessionIdleMs: options.sessionIdleMs,
    maxActivePerPerson: options.queueMaxActivePerPerson ?? DEFAULT_MAX_ACTIVE_PER_PERSON,
    defaultServiceMin: DEFAULT_SERVICE_MIN,
  };
  const terminal = terminalAuth(db);
  const asStaff = staffAuth(db);
  const r = hallRoutes;
  const waiter = createCommandWaiter(db, options.commandPollMs);
  app.addHook('preClose', async () => waiter.close());
  const baseUrlOf = (request: FastifyRequest) => options.publicBaseUrl ?? `${request.protocol}://${request.host}`;

  // Kiosk ticket screen.
  app.route({
    method: r.queueCategories.method,
    url: r.queueCategories.path,
    onRequest: terminal,
    handler: async (request) => {
      const t = terminalOf(request);
      const { serviceDay, categories } = await queueCategories(db, queue, t.hallId, t.hallTimeZone);
      return { hallId: t.hallId, hallName: t.hallName, serviceDay, categories };
    },
  });
  app.route({
    method: r.issueTicket.method,
    url: r.issueTicket.path,
    onRequest: terminal,
    handler: async (request, reply) => {
      const body = parseInput(queueRouteSchemas.issueTicket.body.schema, request.body, 'body');
      const ticket = await issueTicket(db, queue, terminalOf(request), body, baseUrlOf(request));
      return reply.code(201).send(ticket);
    },
  });

  // Public: the phone follow page and the hall display (no auth, no personal data).
  app.route({
    method: r.publicTicket.method,
    url: r.publicTicket.path,
    handler: async (request, reply) => {
      const { ticketId } = parseInput(queueRouteSchemas.publicTicket.params, request.params, 'params');
      reply.header('cache-control', 'no-store');
      return publicTicket(db, queue, ticketId);
    },
  });
  app.route({
    method: r.hallDisplay.method,
    url: r.hallDisplay.path,
    handler: async (request, reply) => {
      const { hallId } = parseInput(queueRouteSchemas.hallDisplay.params, request.params, 'params');
      reply.header('cache-control', 'no-store');
      return hallDisplay(db, queue, hallId);
    },
  });

  // Terminal fleet routes.
  app.route({
    method: r.terminalCommands.method,
    url: r.terminalCommands.path,
    onRequest: terminal,
    handler: async (request, reply) => {
      const { waitMs } = parseInput(fleetRouteSchemas.terminalCommands.query, request.query, 'query');
      const { terminalId } = terminalOf(request);
      const deadline = Date.now() + waitMs;
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      for (;;) {
        const interest = waitMs > 0 ? waiter.register(terminalId) : null;
        const commands = await pendingCommands(db, now(), terminalId);
        const remaining = deadline - Date.now();
        if (commands.length > 0 || !interest || remaining <= 0 || gone.signal.aborted) {
          interest?.cancel();
          return { commands };
        }
        const woken = await interest.wait(remaining, gone.signal);
        if (!woken) return { commands: await pendingCommands(db, now(), terminalId) };
      }
    },
  });
  app.route({
    method: r.ackCommand.method,
    url: r.ackCommand.path,
    onRequest: terminal,
    handler: async (request) => {
      const { commandId } = parseInput(fleetRouteSchemas.ackCommand.params, request.params, 'params');
      const body = parseInput(fleetRouteSchemas.ackCommand.body.schema, request.body, 'body');
      return ackCommand(db, terminalOf(request).terminalId, commandId, body);
    },
  });
  app.route({
    method: r.staffCheck.method,
    url: r.staffCheck.path,
    onRequest: terminal,
    handler: async (request) => {
      const body = parseInput(fleetRouteSchemas.staffCheck.body.schema, request.body, 'body');
      return staffCheck(db, terminalOf(request), body);
    },
  });

  // Staff console.
  app.route({
    method: r.staffLogin.method,
    url: r.staffLogin.path,
    handler: async (request) => {
      const body = parseInput(staffRouteSchemas.staffLogin.body.schema, request.body, 'body');
      return staffLogin(db, body);
    },
  });
  app.route({
    method: r.staffLogout.method,
    url: r.staffLogout.path,
    onRequest: asStaff,
    handler: async (request, reply) => {
      await staffLogout(db, staffOf(request));
      return reply.code(204).send();
    },
  });
  app.route({
    method: r.staffMe.method,
    url: r.staffMe.path,
    onRequest: asStaff,
    handler: async (request) => {
      const { staffId, name, role, hallId, hallName } = staffOf(request);
      return { staffId, name, role, hallId, hallName };
    },
  });
  app.route({
    method: r.staffQueue.method,
    url: r.staffQueue.path,
    onRequest: asStaff,
    handler: async (request) => staffQueue(db, queue, staffOf(request)),
  });
  app.route({
    method: r.staffCallNext.method,
    url: r.staffCallNext.path,
    onRequest: asStaff,
    handler: async (request) => {
      const body = parseInput(staffRouteSchemas.staffCallNext.body.schema, request.body, 'body');
      return { ticket: await callNext(db, queue, staffOf(request), body) };
    },
  });
  for (const action of ['recall', 'skip', 'serve'] as const) {
    const name = action === 'recall' ? 'staffRecall' : action === 'skip' ? 'staffSkip' : 'staffServe';
    app.route({
      method: r[name].method,
      url: r[name].path,
      onRequest: asStaff,
      handler: async (request) => {
        const { ticketId } = parseInput(staffRouteSchemas[name].params, request.params, 'params');
        return actOnTicket(db, queue, staffOf(request), ticketId, action);
      },
    });
  }
  app.route({
    method: r.staffTerminals.method,
    url: r.staffTerminals.path,
    onRequest: asStaff,
    handler: async (request) => {
      const at = now();
      return { terminals: await fleetOf(db, at, staffOf(request).hallId), asOf: at.toISOString() };
    },
  });
  app.route({
    method: r.staffSendCommand.method,
    url: r.staffSendCommand.path,
    onRequest: asStaff,
    handler: async (request, reply) => {
      const who = staffOf(request);
      requireRole(who, ['supervisor', 'admin']);
      const { terminalId } = parseInput(staffRouteSchemas.staffSendCommand.params, request.params, 'params');
      const body = parseInput(staffRouteSchemas.staffSendCommand.body.schema, request.body, 'body');
      return reply.code(201).send(await sendCommand(db, now(), who, terminalId, body));
    },
  });
  app.route({
    method: r.staffTerminalCommands.method,
    url: r.staffTerminalCommands.path,
    onRequest: asStaff,
    handler: async (request) => {
      const { terminalId } = parseInput(staffRouteSchemas.staffTerminalCommands.params, request.params, 'params');
      return { commands: await listCommands(db, now(), staffOf(request), terminalId) };
    },
  });
}
