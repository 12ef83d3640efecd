/** The fleet routes of the hall server, as this terminal calls them (contracts/fleet.ts). */
import {
  type AckCommandRequest,
  type AckCommandResponse,
  type StaffCheckRequest,
  type StaffCheckResponse,
  type TerminalCommand,
  fleetRoutes,
} from '../../contracts';
import type { HallClient } from '../hall-client/hall-client';

export interface FleetClient {
  /** Pending commands; the server holds the request up to `waitMs` when there are none. */
  commands(waitMs: number): Promise<TerminalCommand[]>;
  ack(commandId: string, body: AckCommandRequest): Promise<AckCommandResponse>;
  staffCheck(body: StaffCheckRequest): Promise<StaffCheckResponse>;
}

/** Builds the fleet client over a HallClient (for the long-poll, one whose timeout exceeds `waitMs`). */
export function createFleetClient(hall: Pick<HallClient, 'call'>): FleetClient {
  return {
    async commands(waitMs) {
      return (await hall.call(fleetRoutes.terminalCommands, { query: { waitMs } })).commands;
    },
    ack: (commandId, body) => hall.call(fleetRoutes.ackCommand, { params: { commandId }, body }),
    staffCheck: (body) => hall.call(fleetRoutes.staffCheck, { body }),
  };
}
