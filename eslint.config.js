// Lint rules that guard the architecture, not just style: the engine stays pure and only
// src/config reads the environment.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** Outside src/engine, only the engine's index may be imported: its internals may change freely. */
const engineIndexOnly = {
  group: ["**/engine/*", "**/engine/**/*", "!**/engine/index.ts"],
  message: "Import the engine through src/engine/index.ts only.",
};

export default tseslint.config(
  { ignores: ["node_modules/", "src/generated/", "data/", "dist/", "coverage/", "test/fixtures/"] },
  js.configs.recommended,
  { files: ["**/*.cjs", "**/*.mjs", "**/*.js"], languageOptions: { globals: { ...globals.node } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through src/config only." },
      ],
    },
  },
  {
    files: [
      "src/config/**",
      "scripts/**",
      "prisma.config.ts",
      "test/**",
      "bench/**",
      "**/*.test.ts",
      "vitest.config.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The engine's public face is its index; its nodes, run and matcher internals may change freely.
    files: ["src/**", "test/**", "bench/**"],
    ignores: ["src/engine/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [engineIndexOnly],
        },
      ],
    },
  },
  {
    // Channels read the content they serve, so the loader and the checker never import a channel:
    // what the channels declare (src/channels/limits.ts) is handed to loadContent by its caller.
    files: ["src/flows/**", "src/content/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            engineIndexOnly,
            {
              group: ["**/channels/**"],
              message: "Content code does not import channels; their declarations are passed in.",
            },
          ],
        },
      ],
    },
  },
  {
    // Translators are told each text's limit from the channels' declarations, never channel code.
    files: ["src/translations/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            engineIndexOnly,
            {
              group: ["**/channels/**", "!**/channels/limits.ts"],
              message: "Translations read channel limits (src/channels/limits.ts), not channel code.",
            },
          ],
        },
      ],
    },
  },
  {
    // What every content file shares (positions, problems, validated reads) stands on libraries only.
    files: ["src/content/files/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["../*", "../**"], message: "src/content/files imports nothing outside itself." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/engine/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "grammy",
                "@grammyjs/*",
                "hono",
                "hono/*",
                "@hono/*",
                "whatsapp-web.js",
                "i18next",
                "@prisma/*",
                "ioredis",
                "pg",
                "node:*",
                "fs",
                "path",
                "pino",
              ],
              message: "The engine is pure: no I/O, no channel, HTTP, storage or i18next imports.",
            },
            {
              group: [
                "**/channels/**",
                "**/http/**",
                "**/sessions/**",
                "**/analytics/**",
                "**/i18n/**",
                "**/conversation/**",
                "**/config/**",
                "**/cli/**",
                "**/generated/**",
                "**/logging/**",
                "**/content/**",
                "**/main.ts",
                "**/flows/load-*",
              ],
              message:
                "The engine may only import itself, the flow format (schema, definition) and referral schemas.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "AwaitExpression", message: "The engine is synchronous and pure." },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: "Time is injected through the context.",
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: "Randomness is injected.",
        },
      ],
    },
  },
);
