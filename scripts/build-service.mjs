/**
 * Bundles the service (src/main.ts and every module of src/ it imports) into one ES module,
 * dist/guardline.mjs, so that a start neither compiles TypeScript nor resolves some 700 files
 * through a module loader: that alone took seconds of every start. Packages stay where they are
 * (node_modules, loaded by Node as usual), so nothing is bundled that npm did not install.
 *
 * Files the code finds beside itself (the PGlite worker, console assets, prisma/migrations) are
 * found exactly as in the sources: each module's `import.meta.url` is kept as its source file's
 * URL. The bundle therefore runs from this checkout (or image) and needs src/ beside it.
 *
 * `npm start` (scripts/start.mjs) rebuilds first whenever a source is newer than the bundle;
 * `node scripts/build-service.mjs` builds on purpose (the Docker image does, at build time).
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const defaultRoot = fileURLToPath(new URL("..", import.meta.url));

export const bundlePath = (root = defaultRoot) => join(root, "dist", "guardline.mjs");

/** What the bundle is made from: a change to any of these makes it stale. */
function sources(root) {
  const files = [join(root, "tsconfig.json"), fileURLToPath(import.meta.url)];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        files.push(path);
    }
  };
  walk(join(root, "src"));
  return files;
}

/** True when there is no bundle yet or a source changed after it was built. */
export function isStale(root = defaultRoot) {
  let built;
  try {
    built = statSync(bundlePath(root)).mtimeMs;
  } catch {
    return true;
  }
  return sources(root).some((file) => statSync(file).mtimeMs > built);
}

/** Keeps each bundled module's import.meta.url pointing at its source file. */
const sourceUrls = {
  name: "source-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.(ts|tsx)$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      return {
        contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
      };
    });
  },
};

export async function buildService(root = defaultRoot) {
  // Loaded here, not at the top: `npm start` with a fresh bundle never needs the compiler.
  const { build } = await import("esbuild");
  const outfile = bundlePath(root);
  const outdir = dirname(outfile);
  const result = await build({
    stdin: {
      contents: 'import { runFromCommandLine } from "./src/main.ts";\nrunFromCommandLine();\n',
      resolveDir: root,
      sourcefile: "guardline-entry.ts",
      loader: "ts",
    },
    outdir,
    entryNames: "guardline",
    outExtension: { ".js": ".mjs" },
    // What the code imports with import() (WhatsApp Web, the translation file formats) becomes a
    // chunk of its own, so its packages are loaded when it is used, not at every start.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    write: false,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20.19",
    tsconfig: join(root, "tsconfig.json"),
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    logLevel: "warning",
    plugins: [sourceUrls],
  });
  // Each file is written beside its place and renamed over it, chunks (named by their content)
  // first and the entry last, so that an instance starting meanwhile in the same checkout never
  // loads a half-written file or an entry whose chunks are not there yet.
  const entry = (path) => path === outfile || path === `${outfile}.map`;
  const files = [
    ...result.outputFiles.filter((f) => !entry(f.path)),
    ...result.outputFiles.filter((f) => entry(f.path)),
  ];
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = performance.now();
  const outfile = await buildService();
  process.stdout.write(`built ${outfile} in ${Math.round(performance.now() - started)} ms\n`);
}
