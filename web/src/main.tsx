// Before anything parses: zod must never probe for eval under the CSP.
import './shared/zod-without-eval.ts';
// First, so the model loads while the rest of the app is being evaluated.
import './app/start-classifier.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createServices } from './app/services.ts';
import { ServicesContext } from './app/services-context.ts';
import { classifier } from './app/start-classifier.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const services = await createServices(classifier);
createRoot(root).render(
  <StrictMode>
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>,
);
