/** Side effect: imported first by the simulator page so `window.kioskSimulator` exists before it renders. */
import { installSimulatorBridge } from './install';

installSimulatorBridge(window);
