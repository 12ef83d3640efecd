/** The simulator page's API over the simulated hardware (embedded default and tests only). */
import { KioskError, simulatorMethods, type DemoCard, type SimulatorState } from '../../contracts';
import { createDispatcher, type Dispatch } from '../dispatch';
import type { DeviceManager } from '../devices/device-manager';
import type { SimulatedHardware } from '../devices/simulated-hardware';

export interface SimulatorService {
  dispatch: Dispatch;
  subscribe(send: (event: string, payload: unknown) => void): () => void;
}

/** Builds the simulator page's endpoint. */
export function createSimulatorService(hardware: SimulatedHardware, devices: DeviceManager, demoCards: DemoCard[]): SimulatorService {
  const state = (): SimulatorState => ({
    idCardInField: hardware.idCardInField,
    unplugged: hardware.unplugged,
    devices: devices.health(),
  });
  const dispatch = createDispatcher(simulatorMethods, {
    listDemoCards: async () => demoCards,
    getState: async () => state(),
    insertIdCard: async ({ idNumber }) => {
      const demo = demoCards.find((d) => d.card.idNumber === idNumber);
      if (!demo) throw new KioskError('notFound', 'no demo card with that ID number');
      hardware.insertIdCard(demo.card);
      return state();
    },
    removeIdCard: async () => {
      hardware.removeIdCard();
      return state();
    },
    unplug: async ({ device }) => {
      hardware.unplug(device);
      return state();
    },
    replug: async ({ device }) => {
      await hardware.replug(device);
      return state();
    },
  });
  return {
    dispatch,
    subscribe(send) {
      const push = () => send('stateChanged', state());
      const offs = [hardware.onChange(push), devices.onHealth(push)];
      return () => offs.forEach((off) => off());
    },
  };
}
