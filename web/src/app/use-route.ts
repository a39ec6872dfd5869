import { useEffect, useState } from 'react';

export const routes = ['analyze', 'batch', 'model', 'quality'] as const;
export type Route = (typeof routes)[number];

function current(): Route {
  const name = location.hash.replace(/^#\/?/, '');
  return routes.find((route) => route === name) ?? 'analyze';
}

/** Hash routing: works from the precached shell offline, with no server rewrites. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
