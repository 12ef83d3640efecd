/** The device simulator page. The bridge import comes first: it defines `window.kioskSimulator`. */
import '../bridge/install-simulator';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SimulatorPage } from './SimulatorPage';
import './simulator.css';

const root = document.getElementById('root');
if (!root) throw new Error('simulator.html has no #root');
createRoot(root).render(
  <StrictMode>
    <SimulatorPage sim={window.kioskSimulator} />
  </StrictMode>,
);
