# Guardline server image. Node 22 LTS (the code also runs on Node 20.19+).
# Build: docker build -t guardline .            (add --build-arg WITH_CHROMIUM=false to leave out
#        the browser that WhatsApp Web mode needs; the image is then ~400 MB smaller)
# Run:   docker run --init --stop-timeout 30 -p 3000:3000 -v guardline-data:/data --env-file .env guardline
FROM node:22-bookworm-slim

ARG WITH_CHROMIUM=true
# Debian's Chromium for whatsapp-web.js; Puppeteer's own browser download is skipped (.puppeteerrc.cjs).
RUN if [ "$WITH_CHROMIUM" = "true" ]; then \
      apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-core ca-certificates \
      && rm -rf /var/lib/apt/lists/*; \
    fi

WORKDIR /app
# MALLOC_ARENA_MAX=2: glibc's allocator keeps an arena per thread by default; with the embedded
# database in a thread of its own that costs about 45 MB of idle memory for nothing.
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    PORT=3000 \
    DATA_DIR=/data \
    CHROMIUM_PATH=/usr/bin/chromium

COPY package.json package-lock.json .puppeteerrc.cjs prisma.config.ts tsconfig.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY src ./src
COPY flows ./flows
COPY locales ./locales
# Bundled now, so that a start neither compiles nor needs to write to /app.
RUN node scripts/build-service.mjs

# The data directory holds the embedded database, the generated session secret and the
# WhatsApp Web session: mount a volume there.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"

CMD ["node", "scripts/start.mjs"]
