/** The KioskApi methods of the ticket screen. */
import type { KioskHandlers } from '../../contracts';
import type { SessionManager } from '../session/session-manager';
import type { QueueClient } from './queue-client';
import type { TicketDesk } from './ticket-desk';

export interface QueueHandlerDeps {
  queue: Pick<QueueClient, 'categories'>;
  desk: TicketDesk;
  sessions: Pick<SessionManager, 'touch'>;
}

type QueueHandlers = Pick<KioskHandlers, 'listQueueCategories' | 'takeTicket' | 'reprintTicket' | 'leaveTicketPhone'>;

/** Builds the ticket screen's handlers. */
export function createQueueHandlers({ queue, desk, sessions }: QueueHandlerDeps): QueueHandlers {
  return {
    listQueueCategories: async () => {
      const answer = await queue.categories();
      return { hallName: answer.hallName, categories: answer.categories };
    },
    takeTicket: async (params) => {
      const result = await desk.take(params);
      sessions.touch();
      return result;
    },
    reprintTicket: async ({ ticketId }) => desk.reprint(ticketId),
    leaveTicketPhone: async (params) => {
      const result = await desk.leavePhone(params);
      sessions.touch();
      return result;
    },
  };
}
