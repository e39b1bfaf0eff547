/**
 * The embedded database: PGlite in DATA_DIR/pglite, served in-process on 127.0.0.1 so that the
 * rest of the code talks PostgreSQL's wire protocol through the same pg + Prisma adapter as in
 * production. PGlite's files can only be opened by one process, so a lock file records the owner
 * and its port: another process (the analytics CLI) connects to the running server instead.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** postgresql:// address of the in-process server. */
  url: string;
  port: number;
  close(): Promise<void>;
}

interface LockFile {
  pid: number;
  port: number;
}

/** The data directory is open in a live process that serves no connection we could use. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(readonly pid: number) {
    super(
      `The embedded database in DATA_DIR is in use by another process (pid ${pid}). Stop it, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

export const embeddedUrl = (port: number) => `postgresql://postgres@127.0.0.1:${port}/postgres`;
const lockPath = (dataDir: string) => join(dataDir, "pglite.lock");

/** Opens DATA_DIR/pglite and serves it; throws EmbeddedDatabaseBusyError if another process has it. */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const holder = runningHolder(dataDir);
  if (holder) throw new EmbeddedDatabaseBusyError(holder.pid);
  const db = await PGlite.create({ dataDir: join(dataDir, "pglite") });
  // Several connections (app pool, migrator, CLI) share PGlite's one session through the
  // server's query queue; transactions are never interleaved.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 16 });
  await server.start();
  const actualPort = Number(server.getServerConn().split(":").pop());
  writeFileSync(lockPath(dataDir), JSON.stringify({ pid: process.pid, port: actualPort } satisfies LockFile));
  return {
    url: embeddedUrl(actualPort),
    port: actualPort,
    async close() {
      await server.stop();
      await db.close();
      rmSync(lockPath(dataDir), { force: true });
    },
  };
}

/** The live process holding DATA_DIR's database, if any (a stale lock file is ignored). */
export function runningHolder(dataDir: string): LockFile | undefined {
  let lock: LockFile;
  try {
    lock = JSON.parse(readFileSync(lockPath(dataDir), "utf8")) as LockFile;
  } catch {
    return undefined;
  }
  try {
    process.kill(lock.pid, 0);
    return lock;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? lock : undefined;
  }
}
