import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DisplayPage } from './DisplayPage';
import './display.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DisplayPage hallId={new URLSearchParams(location.search).get('hall') ?? ''} />
  </StrictMode>,
);
