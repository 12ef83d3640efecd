import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FollowPage } from './FollowPage';
import './follow.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FollowPage ticketId={decodeURIComponent(location.pathname.split('/').pop() ?? '')} />
  </StrictMode>,
);
