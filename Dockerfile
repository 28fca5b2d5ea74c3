# syntax=docker/dockerfile:1
# newsdesk, the compiled bot (README: "Run in production"). Build: docker build -t newsdesk .
# CI carries out these same steps outside a container on every run (.ci/dockerfile-steps reads this file),
# so keep to the instructions and RUN commands it knows; it names any it does not.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: all dependencies (better-sqlite3 is compiled here), then the TypeScript build ----------------
FROM ${NODE_IMAGE} AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin/ bin/
COPY src/ src/
COPY commands/ commands/
# npm ci installs and builds dist/ (the `prepare` script); prune then drops the development dependencies.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime: production dependencies and the build only, as a non-root user ---------------------------
FROM ${NODE_IMAGE} AS runtime
# tini is PID 1: it passes SIGTERM on to node and reaps zombies.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules/ node_modules/
COPY --from=build /app/dist/ dist/
COPY bin/ bin/
COPY prompts/ prompts/
COPY samples/ samples/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTH_PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "bin/newsdesk.js", "start"]
