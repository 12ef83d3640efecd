/** The queue's handlers: the kiosk's ticket screen, the public pages and the staff console's queue. */
import type { FastifyRequest } from 'fastify';
import type { queueRoutes } from '../../../contracts/queue';
import { actOnTicket, callNext, staffQueue } from '../../queue/staff-queue';
import {
  DEFAULT_MAX_ACTIVE_PER_PERSON,
  DEFAULT_SERVICE_MIN,
  type QueueOptions,
  hallDisplay,
  issueTicket,
  publicTicket,
  queueCategories,
} from '../../queue/tickets';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

/** The queue's settings from the server's options. */
export function queueOptionsOf(options: RouteOptions): QueueOptions {
  return {
    now: options.now ?? (() => new Date()),
    sessionIdleMs: options.sessionIdleMs,
    maxActivePerPerson: options.queueMaxActivePerPerson ?? DEFAULT_MAX_ACTIVE_PER_PERSON,
    defaultServiceMin: DEFAULT_SERVICE_MIN,
  };
}

export function queueHandlers(options: RouteOptions): RouteHandlers<typeof queueRoutes> {
  const { db } = options.database;
  const queue = queueOptionsOf(options);
  const baseUrlOf = (request: FastifyRequest) => options.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  return {
    queueCategories: async (_, { terminal: t }) => {
      const { serviceDay, categories } = await queueCategories(db, queue, t.hallId, t.hallTimeZone);
      return { hallId: t.hallId, hallName: t.hallName, serviceDay, categories };
    },
    issueTicket: async ({ body }, { terminal, request }) => issueTicket(db, queue, terminal, body, baseUrlOf(request)),
    // Public: the phone follow page and the hall display poll these; never cached.
    publicTicket: async ({ params }, { reply }) => {
      reply.header('cache-control', 'no-store');
      return publicTicket(db, queue, params.ticketId);
    },
    hallDisplay: async ({ params }, { reply }) => {
      reply.header('cache-control', 'no-store');
      return hallDisplay(db, queue, params.hallId);
    },
    staffQueue: async (_, { staff }) => staffQueue(db, queue, staff),
    staffCallNext: async ({ body }, { staff }) => ({ ticket: await callNext(db, queue, staff, body) }),
    staffRecall: async ({ params }, { staff }) => actOnTicket(db, queue, staff, params.ticketId, 'recall'),
    staffSkip: async ({ params }, { staff }) => actOnTicket(db, queue, staff, params.ticketId, 'skip'),
    staffServe: async ({ params }, { staff }) => actOnTicket(db, queue, staff, params.ticketId, 'serve'),
  };
}
