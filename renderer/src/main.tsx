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

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App kiosk={window.kiosk} />
  </StrictMode>,
);
