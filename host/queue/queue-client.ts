/** The queue routes of the hall server, as this terminal calls them (contracts/queue.ts). */
import {
  QueueCategoriesResponse,
  QueueTicket,
  type IssueTicketRequest,
  type QueueCategoriesResponse as Categories,
  type QueueTicket as Ticket,
} from '../../contracts';
import type { HallClient } from '../hall-client/hall-client';

export interface QueueClient {
  categories(): Promise<Categories>;
  /** Issues a ticket; the same `idempotencyKey` always answers the same ticket. */
  issueTicket(body: IssueTicketRequest): Promise<Ticket>;
}

/** Builds the queue client over a HallClient. */
export function createQueueClient(hall: Pick<HallClient, 'request'>): QueueClient {
  return {
    categories: () => hall.request('GET', '/api/v1/queue/categories', undefined, QueueCategoriesResponse),
    issueTicket: (body) => hall.request('POST', '/api/v1/queue/tickets', body, QueueTicket),
  };
}
