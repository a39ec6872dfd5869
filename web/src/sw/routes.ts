import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { onnxRuntimePath } from '../shared/onnx-runtime-files.ts';
import { onnxRuntimeCache } from './cache-names.ts';

/**
 * Navigations get the precached app shell (offline too); the API never goes through a cache
 * (model files are verified and kept by the worker itself); onnxruntime's 14–28 MB binaries
 * are too big for the precache and are cached on first use.
 */
export function registerRoutes(): void {
  registerRoute(
    new NavigationRoute(createHandlerBoundToURL('/index.html'), {
      denylist: [/^\/api\//, /^\/(metrics|healthz|readyz|docs)/],
    }),
  );
  registerRoute(
    ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith(onnxRuntimePath),
    new CacheFirst({ cacheName: onnxRuntimeCache }),
  );
}
