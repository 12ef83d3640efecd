/** What each staff command does on this terminal. */
import type { TerminalCommand } from '../../contracts';
import { DeviceJobError, type DeviceManager } from '../device-manager/device-manager';
import type { TerminalStatusStore } from '../terminal-status';
import type { CommandOutcome } from './command-poller';

export interface FleetCommandDeps {
  devices: Pick<DeviceManager, 'resetDevice'>;
  status: TerminalStatusStore;
  /** Asks the shell to restart the application. */
  requestRestart(): void;
  onError(code: string): void;
}

/** Builds the executor the command poller runs each new command with. */
export function createCommandExecutor(deps: FleetCommandDeps): (command: TerminalCommand) => Promise<CommandOutcome> {
  return async (command) => {
    switch (command.kind) {
      case 'restartApp':
        // Acked first: a restart that has not been acked would be delivered, and run, again.
        return { result: 'done', afterAck: deps.requestRestart };
      case 'outOfService':
        deps.status.update({ inService: false });
        return { result: 'done' };
      case 'inService':
        // Staff reopened it from the console: a closure made on the terminal's own screen ends too.
        deps.status.closeHere(false);
        deps.status.update({ inService: true });
        return { result: 'done', detail: deps.status.get().inService ? null : 'stillClosed' };
      case 'resetDevice': {
        if (!command.device) return { result: 'rejected', detail: 'noDevice' };
        try {
          const health = await deps.devices.resetDevice(command.device);
          if (health.state !== 'ok') deps.onError(`${health.device}:${health.reason ?? health.state}`);
          return { result: health.state === 'failed' ? 'failed' : 'done', detail: `${health.device}:${health.state}` };
        } catch (error) {
          const reason = error instanceof DeviceJobError ? error.reason : 'failed';
          deps.onError(`${command.device}:${reason}`);
          return { result: 'failed', detail: `${command.device}:${reason}` };
        }
      }
    }
  };
}
