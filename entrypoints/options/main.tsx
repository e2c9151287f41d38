// The options page: mounts the settings app with the real background behind it.
import { createRoot } from 'react-dom/client';
import '../../components/extension-theme.css';
import '../../components/options/options.css';
import { App } from './App';
import { browserBackend } from './backend';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App backend={browserBackend} />);
