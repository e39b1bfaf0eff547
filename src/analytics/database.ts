/**
 * One database handle for the service and the CLI: PostgreSQL when DATABASE_URL is set, else
 * the embedded PGlite in DATA_DIR. Either way Prisma talks through @prisma/adapter-pg, and the
 * same migrations are applied.
 */
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { embeddedUrl, runningHolder, startEmbeddedPostgres } from "./embedded-postgres.ts";
import { migrate, readMigrations } from "./migrate.ts";

export const defaultMigrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Apply pending migrations (the service does; the CLI only reads). Default true. */
  migrate?: boolean;
  migrationsDir?: string;
  /** Use the embedded database another process of ours is serving (the CLI). Default false. */
  joinRunning?: boolean;
}

export interface Database {
  prisma: PrismaClient;
  kind: "postgresql" | "pglite";
  /** Connection string (for the migrator and tests). */
  url: string;
  /** Migrations this start applied. */
  applied: string[];
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const holder = !options.databaseUrl && options.joinRunning ? runningHolder(options.dataDir) : undefined;
  const embedded = options.databaseUrl || holder ? undefined : await startEmbeddedPostgres(options.dataDir);
  const url = options.databaseUrl ?? (holder ? embeddedUrl(holder.port) : embedded!.url);
  try {
    const applied =
      options.migrate === false
        ? []
        : await migrate(url, readMigrations(options.migrationsDir ?? defaultMigrationsDir));
    const prisma = createPrisma(url, options.databaseUrl ? 10 : 1);
    return {
      prisma,
      kind: options.databaseUrl ? "postgresql" : "pglite",
      url,
      applied,
      async close() {
        await prisma.$disconnect();
        await embedded?.close();
      },
    };
  } catch (error) {
    await embedded?.close();
    throw error;
  }
}

export function createPrisma(url: string, max: number): PrismaClient {
  // Fail fast when the database is down: the buffer keeps the counts and retries.
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max, connectionTimeoutMillis: 5_000 }),
  });
}
