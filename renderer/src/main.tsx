/** The kiosk page. The bridge import comes first: it defines `window.kiosk` in browser mode. */
import '../bridge/install-kiosk';
// Shared tokens and base rules first; each screen's own stylesheet is imported by its component.
import './styles/tokens.css';
import './styles/base.css';
import './styles/buttons.css';
import './styles/screens.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { RecoveryBoundary } from './recovery/RecoveryBoundary';
import { createRecovery, installFaultHandlers, startHeartbeat } from './recovery/recovery';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// Back to the start screen: the address without anything a past screen added.
const reload = () => window.location.reload();
const recovery = createRecovery({ kiosk: window.kiosk, reload });
installFaultHandlers(window, recovery);
startHeartbeat(window.kiosk, reload);
createRoot(root).render(
  <StrictMode>
    <RecoveryBoundary recovery={recovery}>
      <App kiosk={window.kiosk} />
    </RecoveryBoundary>
  </StrictMode>,
);
