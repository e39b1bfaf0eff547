import { describe, expect, it } from "vitest";
import type { CounterStore } from "../counter-store.ts";
import { createDeferredStore } from "../deferred-store.ts";
import { analyticsRoutes } from "./analytics-routes.ts";

const token = "a-long-admin-token-for-tests";
/** A store with a few counts, no database: routes are tested in-process. */
const store: CounterStore = {
  writes: 0,
  async increment() {},
  async deleteBefore() {
    return 0;
  },
  async ping() {},
  async sums(_filters, kinds) {
    const rows = [
      {
        day: "2025-01-02",
        kind: "conversation_started",
        flowId: "",
        flowVersion: "",
        node: "",
        option: "",
        nextNode: "",
        detail: "",
        directory: "",
        channel: "telegram",
        locale: "en",
        country: "NL",
        campaign: "",
        count: 20,
      },
      {
        day: "2025-01-02",
        kind: "conversation_completed",
        flowId: "",
        flowVersion: "",
        node: "",
        option: "",
        nextNode: "",
        detail: "",
        directory: "",
        channel: "telegram",
        locale: "en",
        country: "NL",
        campaign: "",
        count: 17,
      },
    ];
    return rows.filter(
      (r) => kinds.includes(r.kind) && (!_filters.channel || _filters.channel === r.channel),
    ) as never;
  },
};
const app = analyticsRoutes({ store, adminToken: token, minCount: 5 });
const auth = { headers: { authorization: `Bearer ${token}` } };

describe("analytics admin API", () => {
  it("answers 401 without a token or with a wrong one, 400 to a malformed header", async () => {
    for (const [init, status] of [
      [{}, 401],
      [{ headers: { authorization: `Bearer ${token}x` } }, 401],
      [{ headers: { authorization: token } }, 400],
      [{ headers: { authorization: "Bearer " } }, 400],
    ] as const) {
      const res = await app.request("/summary", init);
      expect(res.status).toBe(status);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect((await app.request("/export.csv")).status).toBe(401);
    expect((await app.request("/flows/menu")).status).toBe(401);
  });

  it("answers 200 with the token, with suppression applied", async () => {
    const res = await app.request("/summary", auth);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { conversations: unknown };
    // 20 - 17 = 3 did not complete: showing 17 would reveal them.
    expect(body.conversations).toEqual({
      started: 20,
      completed: "suppressed",
      completionRate: "suppressed",
    });
  });

  it("serves the flow report and the CSV export", async () => {
    expect((await app.request("/flows/menu", auth)).status).toBe(200);
    const csv = await app.request("/export.csv?country=NL", auth);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await csv.text()).toMatch(/^figure,day,flow/);
  });

  it("rejects bad filters with a clear 400", async () => {
    const cases: Array<[string, RegExp]> = [
      ["/summary?from=yesterday", /from must be a date/],
      ["/summary?from=2025-02-30", /from is not a date in the calendar/],
      ["/summary?to=2024-13-01", /to is not a date in the calendar/],
      ["/summary?from=2025-02-01&to=2025-01-01", /from must not be after to/],
      ["/summary?country=N%20L", /country must be a country code/],
      ["/summary?chat_id=123", /unknown filter chat_id/],
      ["/flows/bad%20id", /flow id/],
    ];
    for (const [path, message] of cases) {
      const res = await app.request(path, auth);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
  });

  it("answers 503 while the database is not open yet", async () => {
    const waiting = analyticsRoutes({ store: createDeferredStore(), adminToken: token, minCount: 5 });
    const res = await waiting.request("/summary", auth);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/not available yet/);
  });

  it("shows no completion rate when nothing started (0 of 0 is not 0%)", async () => {
    const body = (await (await app.request("/summary?channel=whatsapp_web", auth)).json()) as {
      conversations: unknown;
    };
    expect(body.conversations).toEqual({ started: 0, completed: 0, completionRate: null });
  });

  it("is off (404) when no admin token is configured, whatever is sent", async () => {
    const off = analyticsRoutes({ store, adminToken: undefined, minCount: 5 });
    const res = await off.request("/summary", { headers: { authorization: "Bearer undefined" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "admin API off: set ADMIN_TOKEN to enable it" });
  });
});
