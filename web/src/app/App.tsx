import { lazy, Suspense, useEffect, useRef } from 'react';
import { AnalyzePage } from '../analyze/AnalyzePage.tsx';
import { AppUpdatePrompt } from '../status/AppUpdatePrompt.tsx';
import { InstallButton } from '../status/InstallButton.tsx';
import { ModelStatus } from '../status/ModelStatus.tsx';
import { OfflineBanner } from '../status/OfflineBanner.tsx';
import { RejectedEvents } from '../status/RejectedEvents.tsx';
import { StatusMenu } from '../status/StatusMenu.tsx';
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

/**
 * The page's title names the route, and after a navigation focus moves to the new page, so a
 * screen reader announces it and the keyboard starts there; a first load starts at the top,
 * as any page does.
 */
function useRouteAnnouncement(route: Route, main: React.RefObject<HTMLElement | null>) {
  const first = useRef(true);
  useEffect(() => {
    document.title =
      route === 'analyze' ? 'Polarity — review sentiment' : `${titles[route]} — Polarity`;
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [route, main]);
}

export function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  useRouteAnnouncement(route, main);
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
          <InstallButton />
          <RejectedEvents />
          <StatusMenu />
        </div>
      </header>
      {/* Inside main: every piece of content sits in a landmark (axe's `region`). */}
      <main id="main" ref={main} tabIndex={-1}>
        <OfflineBanner />
        <AppUpdatePrompt />
        <ModelStatus />
        <Suspense fallback={<p className="page-loading">Loading…</p>}>
          {route === 'analyze' && <AnalyzePage />}
          {route === 'batch' && <BatchPage />}
          {route === 'model' && <ModelPage />}
          {route === 'quality' && <QualityPage />}
        </Suspense>
      </main>
    </>
  );
}
