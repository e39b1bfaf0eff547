/**
 * Import rules that keep the architecture as the README describes it, checked by
 * test/architecture.test.ts (in `npm test`) and by hand with
 * `npx depcruise src --config .dependency-cruiser.mjs`.
 *
 * Violations that exist and are still to be fixed are listed in
 * .dependency-cruiser-known-violations.json; the test fails on any other one, and on a listed one
 * that no longer occurs (so the list only shrinks). Regenerate it with
 * `npx depcruise src --config .dependency-cruiser.mjs --output-type baseline > .dependency-cruiser-known-violations.json`.
 */
/** @type {import("dependency-cruiser").IConfiguration} */
export default {
  forbidden: [
    {
      name: "no-folder-cycle",
      comment:
        "Folders depend on each other one way: a cycle between folders (even through type-only imports) " +
        "means neither can be understood, tested or moved without the other.",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-module-cycle",
      comment: "A module never imports, directly or through others, a module that imports it.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "engine-stays-pure",
      comment:
        "The engine reads flows and referral directories as data and does no I/O: it imports only itself, " +
        "the flow format and the referral schema; never the checker, channels, storage, HTTP or i18next.",
      severity: "error",
      from: { path: "^src/engine/" },
      to: {
        pathNot: [
          "^src/engine/",
          "^src/flows/definition/",
          "^src/referrals/schema\\.ts$",
          "^node_modules/zod/",
        ],
      },
    },
    {
      name: "no-engine-internals",
      comment: "Outside the engine, only its index (src/engine/index.ts) is imported.",
      severity: "error",
      from: { pathNot: "^src/engine/" },
      to: { path: "^src/engine/", pathNot: "^src/engine/index\\.ts$" },
    },
  ],
  options: {
    // Type-only imports count: a cycle of types is still a cycle of meaning.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["\\.test\\.tsx?$", "\\.case\\.tsx?$", "\\.contract\\.ts$", "^src/generated/"] },
  },
};
