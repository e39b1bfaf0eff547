/**
 * `npm run bench -- <name>`: runs one benchmark by name. Each benchmark module exports `run()`.
 */
const benchmarks: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  analytics: () => import("./analytics.ts"),
  pipeline: () => import("./pipeline.ts"),
  turns: () => import("./turns.ts"),
  soak: () => import("./soak.ts"),
};

const name = process.argv[2];
const load = name ? benchmarks[name] : undefined;
if (!load) {
  process.stderr.write(`Usage: npm run bench -- <${Object.keys(benchmarks).join("|")}>\n`);
  process.exit(2);
}
await (await load()).run();
