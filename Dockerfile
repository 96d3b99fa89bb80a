# syntax=docker/dockerfile:1
# Verbatim's image: a build stage compiles the TypeScript with every dependency; the runtime stage
# holds only production dependencies, the compiled dist/ and the default corpus, and runs as `node`.
# Build and run: see README ("Docker and compose").

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run tsc before the sources are here; the build runs it below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; --ignore-scripts again, since `prepare` needs tsc, a dev dependency.
# --omit=optional: the only optional dependency is the tests' PostgreSQL binaries (compose runs its own).
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The PostgreSQL store's migrations are read from the source tree's folder at start (src/store/postgres/migrate.ts).
COPY --from=build /app/src/store/postgres/migrations ./src/store/postgres/migrations
# The default corpus, writable by the bot: it keeps its index cache there and adds what /ingest fetches.
COPY --chown=node:node index-data ./index-data
USER node
EXPOSE 8080
# Liveness only: a shard still connecting is alive. Readiness (/readyz) is for orchestrators that route traffic.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
