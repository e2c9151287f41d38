// The quarter map page's entry: mounts the app on the background-backed ports.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/extension-theme.css';
import '../../components/map/map.css';
import '../../components/map/report.css';
import '../../components/charts/charts.css';
import { App } from './App';
import { backend } from './backend';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App backend={backend} />
    </StrictMode>,
  );
}
