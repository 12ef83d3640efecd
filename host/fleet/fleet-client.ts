/** The fleet routes of the hall server, as this terminal calls them (contracts/fleet.ts). */
import {
  AckCommandResponse,
  StaffCheckResponse,
  TerminalCommandsResponse,
  type AckCommandRequest,
  type StaffCheckRequest,
  type TerminalCommand,
} from '../../contracts';
import type { HallClient } from '../hall-client/hall-client';

export interface FleetClient {
  /** Pending commands; the server holds the request up to `waitMs` when there are none. */
  commands(waitMs: number): Promise<TerminalCommand[]>;
  ack(commandId: string, body: AckCommandRequest): Promise<AckCommandResponse>;
  staffCheck(body: StaffCheckRequest): Promise<StaffCheckResponse>;
}

/** Builds the fleet client over a HallClient (for the long-poll, one whose timeout exceeds `waitMs`). */
export function createFleetClient(hall: Pick<HallClient, 'request'>): FleetClient {
  return {
    async commands(waitMs) {
      const answer = await hall.request(
        'GET',
        `/api/v1/terminal/commands?waitMs=${waitMs}`,
        undefined,
        TerminalCommandsResponse,
      );
      return answer.commands;
    },
    ack: (commandId, body) =>
      hall.request('POST', `/api/v1/terminal/commands/${encodeURIComponent(commandId)}/ack`, body, AckCommandResponse),
    staffCheck: (body) => hall.request('POST', '/api/v1/terminal/staff-check', body, StaffCheckResponse),
  };
}
