/**
 * `npm start`: runs the bundled service (dist/guardline.mjs), building it first when it is missing
 * or older than a source (about a second), so a fresh clone, a `git pull` and an edited file all
 * start what is in src/. Developers who want a restart on every save use `npm run dev`.
 */
import { pathToFileURL } from "node:url";
import { buildService, bundlePath, isStale } from "./build-service.mjs";

// Stack traces in logs name the TypeScript sources, not lines of the bundle.
process.setSourceMapsEnabled(true);
if (isStale()) await buildService();
await import(pathToFileURL(bundlePath()).href);
