/**
 * The embedded database: PGlite in DATA_DIR/pglite, served on 127.0.0.1 so that the rest of the
 * code talks PostgreSQL's wire protocol through the same pg + Prisma adapter as in production.
 * PGlite runs in a worker thread (pglite-worker.mjs): its WebAssembly on the main thread stalled
 * every turn while a flush or a report ran. PGlite's files can only be opened by one process, so a
 * lock file records the owner and its port: another process (the analytics CLI) connects to the
 * running server instead.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

export interface EmbeddedPostgres {
  /** postgresql:// address of the server. */
  url: string;
  port: number;
  close(): Promise<void>;
}

interface LockFile {
  pid: number;
  port: number;
}

type WorkerMessage =
  { type: "ready"; port: number } | { type: "error"; name: string; message: string } | { type: "closed" };

/** The data directory is open in a live process that serves no connection we could use. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(readonly pid: number) {
    super(
      `The embedded database in DATA_DIR is in use by another process (pid ${pid}). Stop it, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

/** PGlite could not open DATA_DIR/pglite (reported by its thread). */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(`The embedded database could not be opened: ${message}`);
    this.name = "EmbeddedDatabaseError";
  }
}

/**
 * Memory settings for a service that stores a few thousand counter rows: PostgreSQL's defaults
 * (128 MB shared buffers) are sized for a database server and more than double the idle RSS.
 * 8 MB of shared buffers (1,024 pages) holds the rows a flush touches; a report that reads more
 * is served from the operating system's file cache. The pool fills as pages are read, so this
 * bounds what it can grow to over weeks rather than the RSS at start (a fresh start measured the
 * same within noise at 16 MB).
 */
export const embeddedSettings = ["shared_buffers=8MB", "work_mem=2MB", "maintenance_work_mem=16MB"];

export const embeddedUrl = (port: number) => `postgresql://postgres@127.0.0.1:${port}/postgres`;
const lockPath = (dataDir: string) => join(dataDir, "pglite.lock");
const workerUrl = new URL("./pglite-worker.mjs", import.meta.url);

/** Opens DATA_DIR/pglite and serves it; throws EmbeddedDatabaseBusyError if another process has it. */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const holder = runningHolder(dataDir);
  if (holder) throw new EmbeddedDatabaseBusyError(holder.pid);
  const dir = join(dataDir, "pglite");
  // initdb's WebAssembly memory stays with the thread that ran it (hundreds of MB): a new data
  // directory is created in a thread of its own, which then ends and gives that memory back.
  if (!existsSync(join(dir, "PG_VERSION"))) await (await startWorker(dir, 0)).close();
  const server = await startWorker(dir, port);
  writeFileSync(
    lockPath(dataDir),
    JSON.stringify({ pid: process.pid, port: server.port } satisfies LockFile),
  );
  return {
    url: embeddedUrl(server.port),
    port: server.port,
    async close() {
      await server.close();
      rmSync(lockPath(dataDir), { force: true });
    },
  };
}

async function startWorker(dir: string, port: number): Promise<{ port: number; close(): Promise<void> }> {
  // Plain JavaScript: no TypeScript loader in the thread (it would transform PGlite's large bundle).
  const worker = new Worker(workerUrl, {
    workerData: { dir, port, postgresqlconf: embeddedSettings },
    execArgv: [],
  });
  const next = () =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const onExit = (code: number) =>
        reject(new EmbeddedDatabaseError(`its thread ended (exit code ${code})`));
      worker.once(
        "error",
        (error) => (worker.off("exit", onExit), reject(new EmbeddedDatabaseError(error.message))),
      );
      worker.once("exit", onExit);
      worker.once("message", (message: WorkerMessage) => {
        worker.off("exit", onExit);
        worker.removeAllListeners("error");
        resolve(message);
      });
    });
  const first = await next();
  if (first.type !== "ready") {
    await worker.terminate();
    throw new EmbeddedDatabaseError(first.type === "error" ? first.message : "it closed at once");
  }
  let closing: Promise<void> | undefined;
  return {
    port: first.port,
    close: () =>
      (closing ??= (async () => {
        worker.postMessage({ type: "close" });
        await next().catch(() => undefined);
        await worker.terminate();
      })()),
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
