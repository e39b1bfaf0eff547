import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import type { AnalyticsSink, EventDimensions } from "../../analytics/analytics-sink.ts";
import { noAnalytics } from "../../analytics/analytics-sink.ts";
import { fixedContent } from "../../content/content-source.ts";
import type { EngineEvent } from "../../engine/index.ts";
import { requestLog } from "../../http/request-log/request-log.ts";
import { loadOk, miniDir } from "../../../test/support/content.ts";
import { captureLogger } from "../../../test/support/test-logger.ts";
import type { StaffRole } from "../console-env.ts";
import { testShell } from "../../../test/support/console/testing-shell.tsx";
import { simulatorPage } from "./simulator-page.tsx";

const content = loadOk(miniDir);
const brokenDir = new URL("../../../test/fixtures/broken/duplicate-node-id", import.meta.url).pathname;

function setup(options: { role?: StaffRole; name?: string; analytics?: AnalyticsSink } = {}) {
  const page = simulatorPage({
    content: fixedContent(content),
    analytics: options.analytics ?? noAnalytics,
    textParams: { link: "https://t.me/your_bot" },
  });
  const log = captureLogger();
  const app = new Hono();
  app.use("*", requestLog({ logger: log.logger }));
  const as = (role: StaffRole, name = "ana") => testShell({ "/console/simulator": page }, { role, name });
  app.route("/", as(options.role ?? "viewer", options.name));
  const post = (path: string, body: unknown, via: { request: Hono["request"] } = app) =>
    via.request(`/console/simulator/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  return { app, post, log, as };
}

interface TurnAnswer {
  sim: string;
  messages: Array<{
    kind: string;
    text: string;
    buttons?: Array<{ label: string; number: number; node: string; option: string }>;
  }>;
  events: EngineEvent[];
  vars: Record<string, string>;
  transcript: string;
}

describe("simulator page", () => {
  it("serves the form and its script as a file, with no inline script", async () => {
    const { app } = setup();
    const html = await (await app.request("/console/simulator")).text();
    expect(html).toContain('<script src="/console/simulator/simulator.js" defer="">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).toContain('id="sim-rendering"');
    expect(html).toContain('<option value="NL">');
    // A viewer is not offered content from a directory.
    expect(html).not.toContain('value="directory"');
    const js = await app.request("/console/simulator/simulator.js");
    expect(js.headers.get("Content-Type")).toContain("javascript");
    expect(await js.text()).toContain("golden");
  });

  it("offers admins content from a directory", async () => {
    const html = await (await setup({ role: "admin" }).app.request("/console/simulator")).text();
    expect(html).toContain('value="directory"');
  });

  it("writes the same transcript as the staff chat's golden files, buttons written as their numbers", async () => {
    const { post } = setup();
    const first = (await (
      await post("start", { source: "served", rendering: "telegram", lang: "en", country: "NL" })
    ).json()) as TurnAnswer;
    const help = first.messages.at(-1)!.buttons!.find((b) => b.number === 2)!;
    const second = (await (
      await post("turn", {
        sim: first.sim,
        rendering: "telegram",
        line: "2",
        choice: { node: help.node, option: help.option },
      })
    ).json()) as TurnAnswer;
    const third = (await (
      await post("turn", { sim: first.sim, rendering: "plain", line: "1" })
    ).json()) as TurnAnswer;
    const transcript = `${[first, second, third]
      .map((t) => t.transcript)
      .join("\n\n")
      .trim()}\n`;
    expect(transcript).toBe(
      readFileSync(new URL("../../../test/goldens/mini/welcome-to-help.txt", import.meta.url), "utf8"),
    );
  });

  it("shows the engine's events and the conversation's variables", async () => {
    const { post } = setup();
    const res = await post("start", {
      source: "served",
      rendering: "plain",
      lang: "en",
      country: "NL",
      start: "spring",
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as TurnAnswer;
    expect(answer.events.map((e) => e.type)).toContain("conversation_started");
    expect(answer.vars).toMatchObject({ language: "en", country: "NL", campaign: "spring" });
  });

  it("renders as each channel would: Telegram buttons, WhatsApp reply buttons, numbered text", async () => {
    const { post } = setup();
    const kinds = async (rendering: string) => {
      const answer = (await (
        await post("start", { source: "served", rendering, lang: "en", country: "NL" })
      ).json()) as TurnAnswer;
      return answer.messages.at(-1)!;
    };
    const telegram = await kinds("telegram");
    expect(telegram.kind).toBe("telegram_buttons");
    expect(telegram.buttons!.map((b) => b.label)).toEqual(["Tips", "Get help now", "Goodbye"]);
    expect((await kinds("whatsapp")).kind).toBe("whatsapp_buttons");
    const plain = await kinds("plain");
    expect(plain.kind).toBe("text");
    expect(plain.text).toContain("1. Tips");
  });

  it("counts turns under the channel simulator and keeps nothing typed in logs, counts or state", async () => {
    const recorded: Array<{ events: readonly EngineEvent[]; dims: EventDimensions }> = [];
    const analytics: AnalyticsSink = {
      ...noAnalytics,
      record: (turn, dims) => void recorded.push({ events: turn.events, dims }),
    };
    const { post, log } = setup({ analytics });
    const secret = "my-daughter-Alexandra-0612345678";
    const { sim } = (await (
      await post("start", { source: "served", rendering: "plain", lang: "en", country: "NL" })
    ).json()) as TurnAnswer;
    const answer = (await (
      await post("turn", { sim, rendering: "plain", line: secret })
    ).json()) as TurnAnswer;
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((r) => r.dims.channel === "simulator")).toBe(true);
    expect(JSON.stringify(recorded)).not.toContain("Alexandra");
    expect(log.text()).not.toContain("Alexandra");
    expect(log.text()).toContain("/console/simulator/turn");
    expect(JSON.stringify({ events: answer.events, vars: answer.vars })).not.toContain("Alexandra");
  });

  it("lets only the staff member who started a simulation continue it", async () => {
    const { post, as } = setup({ name: "ana" });
    const { sim } = (await (
      await post("start", { source: "served", rendering: "plain" })
    ).json()) as TurnAnswer;
    const other = await post("turn", { sim, rendering: "plain", line: "1" }, as("viewer", "bo"));
    expect(other.status).toBe(404);
    expect((await post("turn", { sim, rendering: "plain", line: "1" })).status).toBe(200);
  });

  it("refuses a directory to viewers (403) and simulates one for admins", async () => {
    expect(
      (await setup().post("start", { source: "directory", dir: miniDir, rendering: "plain" })).status,
    ).toBe(403);
    const admin = setup({ role: "admin" });
    const ok = await admin.post("start", {
      source: "directory",
      dir: miniDir,
      rendering: "plain",
      lang: "nl",
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as TurnAnswer).vars.language).toBe("nl");
    const broken = await admin.post("start", { source: "directory", dir: brokenDir, rendering: "plain" });
    expect(broken.status).toBe(422);
    const body = (await broken.json()) as { problems: string[] };
    expect(body.problems[0]).toMatch(/\.yaml:\d+:\d+: error: /);
  });

  it("answers bad requests with 400 and an expired simulation with 404", async () => {
    const { post } = setup();
    expect((await post("start", { source: "served", rendering: "fax" })).status).toBe(400);
    expect((await post("turn", { sim: crypto.randomUUID(), rendering: "plain", line: "hi" })).status).toBe(
      404,
    );
  });
});
