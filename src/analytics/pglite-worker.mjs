/**
 * The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) and its
 * loopback wire-protocol server run here, so a query or a flush never blocks the event loop that
 * answers people. Plain JavaScript: a worker thread does not go through the TypeScript loader.
 *
 * workerData: { dir, port, postgresqlconf }. Posts { type: "ready", port } or
 * { type: "error", name, message }; on { type: "close" } it stops, closes and posts { type: "closed" }.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const { dir, port, postgresqlconf } = workerData;
let db;
let server;
try {
  db = await PGlite.create({ dataDir: dir, postgresqlconf });
  // Several connections (app pool, migrator, CLI) share PGlite's one session through the
  // server's query queue; transactions are never interleaved.
  server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 16 });
  await server.start();
  parentPort.postMessage({ type: "ready", port: Number(server.getServerConn().split(":").pop()) });
} catch (error) {
  await db?.close().catch(() => {});
  parentPort.postMessage({
    type: "error",
    name: error?.name ?? "Error",
    message: String(error?.message ?? error),
  });
  parentPort.close();
}

parentPort.on("message", async (message) => {
  if (message?.type !== "close") return;
  await server?.stop().catch(() => {});
  await db?.close().catch(() => {});
  parentPort.postMessage({ type: "closed" });
  parentPort.close();
});
