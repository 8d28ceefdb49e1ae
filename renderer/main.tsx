import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { registerServiceWorker } from './lib/service-worker.ts';
import { startStores } from './stores/start-stores.ts';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/table.css';
import './styles/pages.css';
import './styles/discovery.css';
import './styles/device-list.css';
import './styles/first-run.css';
import './styles/device-page.css';
import './styles/map.css';
import './styles/phone.css';

startStores();
registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
