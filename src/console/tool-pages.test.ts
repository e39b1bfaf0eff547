/**
 * The flow map, simulator and content health behind the real console shell: a viewer signed in
 * reaches each on the shipped content, with the shell's security headers; signed out, none.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noAnalytics } from "../analytics/analytics-sink.ts";
import type { CounterStore } from "../analytics/counter-store.ts";
import { createHotContent } from "../content/hot-reload.ts";
import { contentPaths } from "../flows/load-content.ts";
import { createMemoryStaffStore } from "../staff/staff-store.ts";
import { captureLogger } from "../../test/support/test-logger.ts";
import { addAccount, buildConsole, get, openCounters, signIn } from "./testing/console-harness.ts";
import { consoleToolPages } from "./tool-pages.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
let counters: CounterStore;
let closeCounters: () => Promise<void>;
beforeAll(async () => {
  ({ counters, close: closeCounters } = await openCounters());
});
afterAll(() => closeCounters());

async function consoleWithTools() {
  const log = captureLogger();
  const content = createHotContent({ paths: contentPaths(root), logger: log.logger });
  content.reload();
  const staff = createMemoryStaffStore();
  const pages = consoleToolPages({
    content,
    paths: contentPaths(root),
    contentDir: root,
    analytics: { sink: noAnalytics, store: counters, minCount: 5, report: {} },
    textParams: { link: "https://t.me/guardline_test_bot" },
    staff,
  });
  const built = buildConsole(counters, log.logger, { pages, staff });
  await addAccount(built.staff, "bo", "viewer");
  return built;
}

describe("content tools in the console", () => {
  it("a viewer opens the flow map, the simulator and content health; signed out goes to sign-in", async () => {
    const { app } = await consoleWithTools();
    const cookie = await signIn(app, "bo");
    for (const [path, expected] of [
      ["/console/flows", "menu"],
      ["/console/flows/menu", "<svg"],
      ["/console/simulator", "simulator.js"],
      ["/console/health", "Texts reviewed"],
    ] as const) {
      const res = await app.request(get(path, cookie));
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-security-policy"), path).not.toContain("unsafe-inline");
      expect(await res.text(), path).toContain(expected);
      const out = await app.request(get(path));
      expect(out.status, path).toBe(303);
    }
  });
});
