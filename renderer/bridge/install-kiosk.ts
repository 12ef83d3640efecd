/** Side effect: imported first by the kiosk page so `window.kiosk` exists before the app starts. */
import { installKioskBridge } from './install';

installKioskBridge(window);
