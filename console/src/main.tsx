import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';

// The hub's web console, served by the gateway at /console and bundled whole: it asks nothing of
// anywhere but the hub (and the partner's identity provider, to sign in).
createRoot(document.getElementById('console')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
