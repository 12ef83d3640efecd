/** The kiosk page. The bridge import comes first: it defines `window.kiosk` in browser mode. */
import '../bridge/install-kiosk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App kiosk={window.kiosk} />
  </StrictMode>,
);
