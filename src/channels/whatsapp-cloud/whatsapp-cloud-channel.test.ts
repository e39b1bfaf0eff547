/**
 * A Cloud API conversation through real HTTP: the webhook served on loopback port 0, Meta's
 * documented payloads signed with the app secret, replies sent to a fake Graph API.
 */
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { noAnalytics } from "../../analytics/analytics-sink.ts";
import { fixedContent } from "../../conversation/content-source.ts";
import { createConversation } from "../../conversation/conversation.ts";
import { appSecret, fixture, phoneNumberId, signedPost, verifyToken } from "../../../test/channel-contract/cloud-fixtures.ts";
import { startFakeGraphApi, type FakeGraphApi } from "../../../test/channel-contract/fake-graph-api.ts";
import { captureLogs, recordingSessions, testKeyer, type RecordingSessions } from "../../../test/channel-contract/support.ts";
import { loadOk } from "../../../test/support/content.ts";
import { createGraphClient, type GraphClient } from "./graph-client.ts";
import { listButtonFromContent } from "./list-button.ts";
import type { GraphMessage } from "./to-platform.ts";
import { createWhatsAppCloudChannel, webhookPath, type WhatsAppCloudChannel } from "./whatsapp-cloud-channel.ts";

const contentDir = new URL("../../../test/fixtures/whatsapp-cloud/content", import.meta.url).pathname;
const waId = "4915112345678";

let graph: FakeGraphApi;
let server: ServerType | undefined;
let base: string;
let channel: WhatsAppCloudChannel;
let sessions: RecordingSessions;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  graph = await startFakeGraphApi();
});
afterAll(() => graph.close());

/** The channel served on loopback; `graphClient` replaces the HTTP client to the fake Graph API. */
async function serveChannel(graphClient?: GraphClient) {
  const { bundle, translator } = loadOk(contentDir);
  const content = fixedContent({ bundle, translator });
  sessions = recordingSessions();
  logs = captureLogs();
  const conversation = createConversation({ content, sessions, keyer: testKeyer, analytics: noAnalytics, sessionTtlSeconds: 3600, logger: logs.logger });
  channel = createWhatsAppCloudChannel({
    conversation,
    keyer: testKeyer,
    logger: logs.logger,
    graph: graphClient ?? createGraphClient({ apiRoot: graph.url, apiVersion: "v21.0", phoneNumberId, token: "test-token", backoff: () => 5 }),
    phoneNumberId,
    appSecret,
    verifyToken,
    listButton: listButtonFromContent(content),
  });
  await channel.start();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: channel.routes.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${webhookPath}`;
  graph.calls.length = 0;
}

beforeEach(() => serveChannel());

afterEach(async () => {
  await channel.stop();
  await new Promise((resolve) => server?.close(resolve));
  const written = [...sessions.written].flat().join("\n");
  for (const secret of [waId, "my son is being blackmailed"]) {
    expect(logs.text()).not.toContain(secret);
    expect(written).not.toContain(secret);
  }
});

/** Posts like Meta does and waits until the replies have gone out. */
async function post(payload: unknown, init = signedPost(payload)) {
  const response = await fetch(base, init);
  await channel.idle();
  return response;
}
const toPerson = () => graph.delivered().filter((c) => c.body.to === waId);
function interactiveOf<T extends "button" | "list">(i: number, type: T) {
  const message = toPerson()[i]!.body as unknown as GraphMessage;
  if (message.type !== "interactive" || message.interactive.type !== type) throw new Error(`message ${i} is not a ${type} message`);
  return message.interactive as Extract<Extract<GraphMessage, { type: "interactive" }>["interactive"], { type: T }>;
}

describe("WhatsApp Cloud API over HTTP", () => {
  it("answers Meta's verification handshake, and only with the right token", async () => {
    const ok = await fetch(`${base}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const wrong = await fetch(`${base}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain("1158201444");
  });

  it("start, a list reply, a button reply, and the contacts for the chosen country", async () => {
    expect((await post(fixture("text", { from: waId, text: "Hi" }))).status).toBe(200);
    const first = toPerson();
    expect(first.map((c) => c.body.type)).toEqual(["text", "text", "interactive"]);
    expect(first[0]!.path).toBe(`/v21.0/${phoneNumberId}/messages`);
    expect(first[0]!.authorization).toBe("Bearer test-token");
    expect(first[0]!.body).toMatchObject({ messaging_product: "whatsapp", recipient_type: "individual", to: waId, text: { body: "Hello, I am Guardline." } });
    // Four countries: a list, opened by the localized button.
    const list = interactiveOf(2, "list");
    expect(list.action.button).toBe("Choose");
    expect(list.action.sections[0]!.rows).toEqual([
      { id: "o:pick_country:nl", title: "the Netherlands" },
      { id: "o:pick_country:be", title: "Belgium" },
      { id: "o:pick_country:lu", title: "Luxembourg" },
      { id: "o:pick_country:other", title: "Other country" },
    ]);

    graph.calls.length = 0;
    await post(fixture("list-reply", { from: waId, replyId: "o:pick_country:be", replyTitle: "Belgium" }));
    expect(toPerson()[0]!.body).toMatchObject({ type: "text", text: { body: "Thanks." } });
    // Three short options: reply buttons.
    const buttons = interactiveOf(1, "button");
    expect(buttons.body.text).toBe("What would you like to know?");
    expect(buttons.action.buttons.map((b) => b.reply.title)).toEqual(["Tips", "Get help now", "Goodbye"]);
    const getHelp = buttons.action.buttons[1]!.reply.id;

    graph.calls.length = 0;
    await post(fixture("button-reply", { from: waId, replyId: getHelp, replyTitle: "Get help now" }));
    const texts = toPerson().map((c) => (c.body.text as { body: string } | undefined)?.body ?? "").join("\n");
    expect(texts).toContain("Contacts for Belgium:");
    expect(texts).toContain("Call 112");
  });

  it("a forged, missing or wrongly keyed signature gets 401 and touches nothing", async () => {
    const payload = fixture("text", { from: waId, text: "Hi" });
    const forged = signedPost(payload);
    forged.headers["x-hub-signature-256"] = `sha256=${"0".repeat(64)}`;
    const missing = signedPost(payload);
    delete missing.headers["x-hub-signature-256"];
    // Signed correctly, then tampered with: the signature covers the raw bytes.
    const tampered = { ...signedPost(payload), body: JSON.stringify(payload).replace("Hi", "Ho") };
    for (const init of [forged, missing, signedPost(payload, "another-app-secret"), tampered]) {
      expect((await post(payload, init)).status).toBe(401);
    }
    expect(graph.calls).toEqual([]);
    expect(sessions.written.size).toBe(0);
  });

  it("acknowledges at once and answers afterwards, without making Meta wait", async () => {
    await channel.stop();
    await new Promise((resolve) => server?.close(resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    await serveChannel({ send: async (to, message) => void (await held, sent.push(`${message.type}`)) });
    const response = await fetch(base, signedPost(fixture("text", { from: waId, text: "my son is being blackmailed" })));
    expect(response.status).toBe(200);
    expect(sent).toEqual([]);
    release();
    await channel.idle();
    expect(sent.length).toBeGreaterThan(2);
  });

  it("ignores delivery statuses, groups, reactions and other numbers, and answers a redelivered message once", async () => {
    for (const name of ["status-delivered", "group-text", "reaction"] as const) expect((await post(fixture(name, { from: waId }))).status).toBe(200);
    const elsewhere = fixture("text", { from: waId, text: "Hi" }) as unknown as { entry: Array<{ changes: Array<{ value: { metadata: { phone_number_id: string } } }> }> };
    elsewhere.entry[0]!.changes[0]!.value.metadata.phone_number_id = "999";
    await post(elsewhere);
    expect(graph.calls).toEqual([]);
    const once = fixture("text", { from: waId, text: "Hi" });
    await post(once);
    const replies = graph.calls.length;
    expect(replies).toBe(3);
    await post(once);
    expect(graph.calls.length).toBe(replies);
  });

  it("retries the Graph API after 429 and 500, so no reply is lost", async () => {
    graph.failNext(429, 1, 0);
    graph.failNext(500, 2);
    await post(fixture("text", { from: waId, text: "Hi" }));
    expect(graph.calls.length).toBe(6);
    expect(toPerson().map((c) => c.body.type)).toEqual(["text", "text", "interactive"]);
  });

  it("a safeguarding message is answered with the emergency contacts, and nothing of it is logged", async () => {
    await post(fixture("text", { from: waId, text: "Hi" }));
    await post(fixture("list-reply", { from: waId, replyId: "o:pick_country:nl", replyTitle: "the Netherlands" }));
    graph.calls.length = 0;
    await post(fixture("text", { from: waId, text: "my son is being blackmailed" }));
    const texts = toPerson().map((c) => JSON.stringify(c.body)).join("\n");
    expect(texts).toContain("Call 112");
    expect(texts).toContain("De Kindertelefoon");
  });

  it("answers 503 while stopped, so Meta redelivers to a running instance", async () => {
    await channel.stop();
    expect((await post(fixture("text", { from: waId, text: "Hi" }))).status).toBe(503);
    expect(graph.calls).toEqual([]);
  });
});
