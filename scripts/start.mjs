/**
 * `npm start`: runs the bundled service (dist/guardline.mjs), building it first when it is missing
 * or older than a source (about a second), so a fresh clone, a `git pull` and an edited file all
 * start what is in src/. Developers who want a restart on every save use `npm run dev`.
 */
import { pathToFileURL } from "node:url";
import { buildService, bundlePath, isStale } from "./build-service.mjs";

// Source maps are off by default: Node keeps a parsed map of the whole bundle in memory (several
// MB) once they are on. NODE_OPTIONS=--enable-source-maps makes stack traces name the sources.
if (isStale()) await buildService();
await import(pathToFileURL(bundlePath()).href);
