import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhonePage } from './PhonePage';
import './phone.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PhonePage hallId={new URLSearchParams(location.search).get('hall') ?? 'demo-hall'} />
  </StrictMode>,
);
