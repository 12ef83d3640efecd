/** The queue routes of the hall server, as this terminal calls them (contracts/queue.ts). */
import { type IssueTicketRequest, type QueueCategoriesResponse, type QueueTicket, queueRoutes } from '../../contracts';
import type { HallClient } from '../hall-client/hall-client';

export interface QueueClient {
  categories(): Promise<QueueCategoriesResponse>;
  /** Issues a ticket; the same `idempotencyKey` always answers the same ticket. */
  issueTicket(body: IssueTicketRequest): Promise<QueueTicket>;
}

/** Builds the queue client over a HallClient. */
export function createQueueClient(hall: Pick<HallClient, 'call'>): QueueClient {
  return {
    categories: () => hall.call(queueRoutes.queueCategories, {}),
    issueTicket: (body) => hall.call(queueRoutes.issueTicket, { body }),
  };
}
