import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Snapshots and golden transcripts are written only on purpose (`npm run goldens:update`,
    // `vitest -u`), never by a test run, so a content change cannot rewrite its own expectations.
    update: process.env.GOLDENS_UPDATE ? "all" : "none",
  },
});
