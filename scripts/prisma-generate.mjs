#!/usr/bin/env node
/**
 * Runs `prisma generate` on install.
 *
 * Why a script: the Prisma CLI insists on downloading a schema-engine binary before it generates,
 * and that download is unreachable on many machines (ours included). `generate` never executes the
 * binary, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file lets it run offline. Where a
 * real engine is configured we leave it alone.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
