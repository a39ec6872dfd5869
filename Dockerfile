# One image for every Polarity process: ROLE=api (API + web app), ROLE=monitor (quality
# gauges), and the one-shot model-init (compose overrides the command). One image because the
# three run the same server code and dependencies: a second image would only repeat its layers.
#
# Stages: `build` compiles (all dependencies), `prod-deps` installs the server's production
# dependencies and prunes what the server never loads, `rootfs` gathers the few system files node
# needs, and `runtime` is FROM scratch with only those: no shell, no package manager, no
# compiler, no dev dependencies. `mlflow-stand-in` is a test-only image (deploy/docker/README.md).

FROM node:24-bookworm-slim AS build
WORKDIR /app
# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY model-export/package.json model-export/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/
COPY monitoring/package.json monitoring/
COPY simulator/package.json simulator/
COPY deploy/package.json deploy/
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
RUN npm ci
COPY tsconfig.base.json ./
COPY core core
COPY web web
# The build the app shows in its footer (.git is not in the build context): --build-arg VITE_BUILD_ID=<commit>.
ARG VITE_BUILD_ID=dev
# The web app first: its layer stays cached when only the server changes.
RUN npm run build -w web
# The Node programs, bundled to JavaScript with source maps (build/bundles.mjs): the server and
# its inference worker, model-init, and the model CLI (which the image does not ship).
COPY build build
COPY server server
COPY model-export/src model-export/src
COPY deploy/model-init.ts deploy/seed-champion.ts deploy/
RUN node build/build.mjs --skip-web
# The MLflow protocol stand-in as one file, for the test-only mlflow-stand-in image.
COPY deploy/docker/mlflow-stand-in.ts deploy/docker/
RUN npx esbuild deploy/docker/mlflow-stand-in.ts --bundle --platform=node --format=esm \
      --target=node24 --outfile=/out/mlflow-stand-in.mjs

FROM node:24-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY model-export/package.json model-export/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/
COPY monitoring/package.json monitoring/
COPY simulator/package.json simulator/
COPY deploy/package.json deploy/
# The server workspace's production dependencies only (not web's onnxruntime-web, React, …).
# npm still installs the production dependencies of workspaces the server lists as dev
# dependencies (model-export, monitoring): everything `npm ls` does not list for the server's
# production tree is removed, and so are the workspace links, since the bundles hold our code.
RUN npm ci --omit=dev --workspace server --no-audit --no-fund && npm cache clean --force \
 && npm ls --omit=dev --workspace server --all --parseable | sort -u >/tmp/keep \
 && for dir in node_modules/[!@.]* node_modules/@*/*; do \
      grep -qx "/app/$dir" /tmp/keep || rm -rf "$dir"; done \
 && rm -rf node_modules/.bin /tmp/keep
# What the server never loads (README "The image"): onnxruntime-node's macOS, Windows and
# arm64 binaries (~245 MB); swagger-ui-dist beyond the three files server/src/routes/docs.ts
# serves; type declarations and source maps of dependencies.
RUN set -eu; cd node_modules; \
    ort=onnxruntime-node/bin/napi-v6; \
    find "$ort" -mindepth 2 -maxdepth 2 -type d ! -path "$ort/linux/x64" -exec rm -rf {} +; \
    find "$ort" -mindepth 1 -maxdepth 1 -type d ! -name linux -exec rm -rf {} +; \
    find swagger-ui-dist -type f ! -name package.json ! -name swagger-ui.css \
      ! -name swagger-ui-bundle.js ! -name favicon-32x32.png -delete; \
    find . \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -type f -delete; \
    test -f "$ort/linux/x64/libonnxruntime.so.1"

# The system files the runtime needs: the dynamic libraries node and the native addons link
# against (glibc, libstdc++, libgcc; found with ldd, so an added addon brings its own), users,
# and a world-writable /tmp. Everything else in Debian stays behind.
FROM node:24-bookworm-slim AS rootfs
COPY --from=prod-deps /app/node_modules /app/node_modules
RUN set -eu; mkdir -p /rootfs/etc /rootfs/tmp /rootfs/app/data; chmod 1777 /rootfs/tmp; \
    find /usr/local/bin/node /app/node_modules \( -name node -o -name '*.node' -o -name '*.so*' \) -type f \
      -exec ldd {} + 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | sort -u | grep -v '^/app/' \
      | xargs -I{} cp -L --parents {} /rootfs/; \
    printf 'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000:node:/app:/sbin/nologin\n' >/rootfs/etc/passwd; \
    printf 'root:x:0:\nnode:x:1000:\n' >/rootfs/etc/group; \
    printf 'hosts: files dns\n' >/rootfs/etc/nsswitch.conf; \
    chown 1000:1000 /rootfs/app/data

# Test-only: the MLflow protocol stand-in the compose override runs where MLflow cannot
# (deploy/docker/compose.stand-ins.yml). Never deployed.
FROM scratch AS mlflow-stand-in
COPY --from=rootfs /rootfs /
COPY --from=build /usr/local/bin/node /usr/local/bin/node
COPY --from=build /out/mlflow-stand-in.mjs /app/mlflow-stand-in.mjs
WORKDIR /app
USER 1000:1000
ENV PATH=/usr/local/bin
EXPOSE 5001
CMD ["node", "mlflow-stand-in.mjs"]

FROM scratch AS runtime
COPY --from=rootfs /rootfs /
COPY --from=build /usr/local/bin/node /usr/local/bin/node
WORKDIR /app
ENV PATH=/usr/local/bin NODE_ENV=production HOME=/app
COPY --from=prod-deps /app/node_modules node_modules
# The compiled programs find the repository root two folders above themselves (server/src/env.ts)
# and read registry/, web/dist/ and server/drizzle/ from it; each package.json says "type": "module".
COPY server/package.json server/
COPY server/drizzle server/drizzle
COPY deploy/package.json deploy/healthcheck.mjs deploy/
COPY registry registry
COPY --from=build /app/web/dist web/dist
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/deploy/dist deploy/dist
# DATA_DIR (cached model files, last good registry answers) is the only place the app writes.
USER 1000:1000
ENV PORT=8000 MONITOR_PORT=8001 ROLE=api
EXPOSE 8000 8001
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "deploy/healthcheck.mjs"]
# As `npm start` runs it: V8's young generation capped at 8 MB and two glibc malloc arenas keep
# the resident memory low (README "Benchmarks").
ENV MALLOC_ARENA_MAX=2
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "server/dist/index.js"]
