# One image for every Polarity process: ROLE=api (API + web app), ROLE=monitor (quality
# gauges), and the one-shot model-init (compose overrides the command).

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
RUN npm run build -w web

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY model-export/package.json model-export/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/
COPY monitoring/package.json monitoring/
COPY simulator/package.json simulator/
COPY deploy/package.json deploy/
# The server runs TypeScript through tsx, which is a production dependency of server.
RUN npm ci --omit=dev && npm cache clean --force
# tsx reads each workspace's tsconfig, which extends the base one.
COPY tsconfig.base.json ./
COPY core core
COPY server server
COPY model-export/src model-export/src
COPY registry registry
COPY deploy/model-init.ts deploy/seed-champion.ts deploy/healthcheck.mjs deploy/
COPY --from=build /app/web/dist web/dist
# DATA_DIR (cached model files, last good registry answers) is the only place the app writes.
RUN mkdir -p data && chown node:node data
USER node
ENV PORT=8000 MONITOR_PORT=8001 ROLE=api
EXPOSE 8000 8001
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "deploy/healthcheck.mjs"]
CMD ["node", "--import", "tsx", "server/src/index.ts"]
