import { lazy, Suspense } from 'react';
import { AnalyzePage } from '../analyze/AnalyzePage.tsx';
import { AppUpdatePrompt } from '../status/AppUpdatePrompt.tsx';
import { ModelStatus } from '../status/ModelStatus.tsx';
import { OutboxBadge } from '../status/OutboxBadge.tsx';
import { RejectedEvents } from '../status/RejectedEvents.tsx';
import { type Route, routes, useRoute } from './use-route.ts';

// The first screen is Analyze; the other pages (and what only they use) load when visited.
const BatchPage = lazy(() =>
  import('../batch/BatchPage.tsx').then((m) => ({ default: m.BatchPage })),
);
const ModelPage = lazy(() =>
  import('../model-page/ModelPage.tsx').then((m) => ({ default: m.ModelPage })),
);
const QualityPage = lazy(() =>
  import('../quality/QualityPage.tsx').then((m) => ({ default: m.QualityPage })),
);

const titles: Record<Route, string> = {
  analyze: 'Analyze',
  batch: 'Batch',
  model: 'Model',
  quality: 'Quality',
};

export function App() {
  const route = useRoute();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <h1>Polarity</h1>
          <p className="tagline">Sentiment of product reviews, computed in your browser.</p>
        </div>
        <nav aria-label="Pages">
          <ul>
            {routes.map((name) => (
              <li key={name}>
                <a href={`#/${name}`} aria-current={route === name ? 'page' : undefined}>
                  {titles[name]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-side">
          <OutboxBadge />
          <RejectedEvents />
        </div>
      </header>
      <AppUpdatePrompt />
      <ModelStatus />
      <main id="main" tabIndex={-1}>
        {route === 'analyze' && <AnalyzePage />}
        <Suspense fallback={<p className="page hint">Loading…</p>}>
          {route === 'batch' && <BatchPage />}
          {route === 'model' && <ModelPage />}
          {route === 'quality' && <QualityPage />}
        </Suspense>
      </main>
      <footer className="app-footer">
        <span data-testid="app-build">build {import.meta.env.VITE_BUILD_ID}</span>
      </footer>
    </>
  );
}
