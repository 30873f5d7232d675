# syntax=docker/dockerfile:1
# claude-status as an image: built in a stage that has the compilers, run from a slim stage that holds only the
# production install. The RUN lines between the "production steps" markers are the README's production install,
# word for word (test/e2e/production-steps.test.ts); .ci/production-smoke.ts runs them in a clean directory on every
# CI run, starts the result against local fakes and checks /readyz, a signed /claude-status and SIGTERM.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched: the tools live in this stage only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
ENV APP_DIR=/app
COPY package.json package-lock.json ./
# >>> production steps
# Dependencies to build with; their install scripts are skipped: the build does not load better-sqlite3.
RUN npm ci --ignore-scripts
COPY . .
RUN npm pack
RUN mkdir -p "$APP_DIR" && tar -xzf claude-status-*.tgz -C "$APP_DIR" --strip-components=1 && cp package-lock.json "$APP_DIR/"
RUN cd "$APP_DIR" && npm ci --omit=dev
# <<< production steps

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# The embedded store (SQLite) lives in DATA_DIR: a volume owned by the unprivileged user the app runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1: it handles SIGTERM (docker stop) by draining the outbox and exiting 0 within 10 s.
CMD ["node", "dist/main.js"]
