/**
 * A Cloud API conversation through real HTTP: the webhook served on loopback port 0, Meta's
 * documented payloads signed with the app secret, replies sent to a fake Graph API.
 */
import { serve, type ServerType } from "@hono/node-server";
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { noAnalytics } from "../../analytics/analytics-sink.ts";
import { fixedContent } from "../../content/content-source.ts";
import { createConversation } from "../../conversation/conversation.ts";
import {
  appSecret,
  fixture,
  phoneNumberId,
  signedPost,
  verifyToken,
} from "../../../test/channel-contract/cloud-fixtures.ts";
import { startFakeGraphApi, type FakeGraphApi } from "../../../test/channel-contract/fake-graph-api.ts";
import {
  captureLogs,
  recordingSessions,
  testKeyer,
  type RecordingSessions,
} from "../../../test/channel-contract/support.ts";
import { loadOk } from "../../../test/support/content.ts";
import { createInboundQueue } from "../../inbound/create-inbound-queue.ts";
import type { InboundEntry, InboundQueue } from "../../inbound/inbound-queue.ts";
import { createMemoryOnceStore, type OnceStore } from "../../sessions/once-store.ts";
import { createGraphClient, type GraphClient } from "./graph-client.ts";
import type { GraphMessage } from "./to-platform.ts";
import { signBody } from "./verify-signature.ts";
import {
  createWhatsAppCloudChannel,
  webhookPath,
  type WhatsAppCloudChannel,
} from "./whatsapp-cloud-channel.ts";

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

/** A channel over the test content; `graphClient` replaces the HTTP client to the fake Graph API. */
interface ChannelOptions {
  graphClient?: GraphClient;
  once?: OnceStore;
  inbound?: Pick<InboundQueue, "submit" | "idle">;
}

function makeChannel(options: ChannelOptions = {}) {
  const { bundle, translator } = loadOk(contentDir);
  const content = fixedContent({ bundle, translator });
  const conversation = createConversation({
    content,
    sessions,
    keyer: testKeyer,
    analytics: noAnalytics,
    sessionTtlSeconds: 3600,
    logger: logs.logger,
  });
  return createWhatsAppCloudChannel({
    conversation,
    keyer: testKeyer,
    logger: logs.logger,
    graph:
      options.graphClient ??
      createGraphClient({
        apiRoot: graph.url,
        apiVersion: "v26.0",
        phoneNumberId,
        token: "test-token",
        backoff: () => 5,
      }),
    phoneNumberId,
    appSecret,
    verifyToken,
    ...(options.once ? { once: options.once } : {}),
    ...(options.inbound ? { inbound: options.inbound } : {}),
  });
}

/** The channel served on loopback. */
async function serveChannel(options: ChannelOptions = {}) {
  sessions = recordingSessions();
  logs = captureLogs();
  channel = makeChannel(options);
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
async function post(payload: unknown, init: RequestInit = signedPost(payload)) {
  const response = await fetch(base, init);
  await channel.idle();
  return response;
}
const toPerson = () => graph.delivered().filter((c) => c.body.to === waId);
function interactiveOf<T extends "button" | "list">(i: number, type: T) {
  const message = toPerson()[i]!.body as unknown as GraphMessage;
  if (message.type !== "interactive" || message.interactive.type !== type)
    throw new Error(`message ${i} is not a ${type} message`);
  return message.interactive as Extract<
    Extract<GraphMessage, { type: "interactive" }>["interactive"],
    { type: T }
  >;
}

describe("WhatsApp Cloud API over HTTP", () => {
  it("answers Meta's verification handshake, and only with the right token", async () => {
    const ok = await fetch(
      `${base}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const wrong = await fetch(`${base}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain("1158201444");
  });

  it("a handshake with the wrong hub.mode or without hub.challenge is a bad request (400)", async () => {
    const wrongMode = await fetch(
      `${base}?hub.mode=unsubscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`,
    );
    expect(wrongMode.status).toBe(400);
    expect(await wrongMode.text()).not.toContain("1158201444");
    expect((await fetch(`${base}?hub.mode=subscribe&hub.verify_token=${verifyToken}`)).status).toBe(400);
    expect(
      (await fetch(`${base}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=`)).status,
    ).toBe(400);
  });

  it("start, a list reply, a button reply, and the contacts for the chosen country", async () => {
    expect((await post(fixture("text", { from: waId, text: "Hi" }))).status).toBe(200);
    const first = toPerson();
    expect(first.map((c) => c.body.type)).toEqual(["text", "text", "interactive"]);
    expect(first[0]!.path).toBe(`/v26.0/${phoneNumberId}/messages`);
    expect(first[0]!.authorization).toBe("Bearer test-token");
    expect(first[0]!.body).toMatchObject({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: waId,
      text: { body: "Hello, I am Guardline." },
    });
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
    const texts = toPerson()
      .map((c) => (c.body.text as { body: string } | undefined)?.body ?? "")
      .join("\n");
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

  it("after forged posts, the correctly signed same payload is still answered (forgeries touch no dedupe state)", async () => {
    const payload = fixture("text", { from: waId, text: "Hi" });
    const forged = signedPost(payload);
    forged.headers["x-hub-signature-256"] = `sha256=${"0".repeat(64)}`;
    for (let i = 0; i < 3; i++) expect((await post(payload, forged)).status).toBe(401);
    expect((await post(payload)).status).toBe(200);
    expect(toPerson().map((c) => c.body.type)).toEqual(["text", "text", "interactive"]);
  });

  it("verifies the signature over the raw bytes: Meta's escapes and spacing are not re-serialised", async () => {
    const payload = fixture("text", { from: waId, text: "Hi" }) as unknown as {
      entry: Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }>;
    };
    const id = payload.entry[0]!.changes[0]!.value.messages[0]!.id;
    // As Meta writes it: escaped slashes and non-ASCII, spaces and newlines JSON.stringify would not produce.
    const raw = JSON.stringify(payload, null, 1)
      .replace(`"body": "Hi"`, `"body" :  "Hi \\/ caf\\u00e9"`)
      .replace(`"id": "${id}"`, `"id": "${id.replace(".", "\\/")}"`);
    expect(raw).toContain("\\u00e9");
    expect(raw).toContain("\\/");
    const response = await post(undefined, {
      method: "POST",
      body: raw,
      headers: { "content-type": "application/json", "x-hub-signature-256": signBody(raw, appSecret) },
    });
    expect(response.status).toBe(200);
    expect(toPerson()).toHaveLength(3);
    // The same bytes re-serialised no longer match the signature.
    const reserialised = JSON.stringify(JSON.parse(raw) as unknown);
    expect(
      (
        await post(undefined, {
          method: "POST",
          body: reserialised,
          headers: { "x-hub-signature-256": signBody(raw, appSecret) },
        })
      ).status,
    ).toBe(401);
  });

  it("a correctly signed body that is not JSON gets 400", async () => {
    const raw = '{"object": "whatsapp_business_account", "entry": [';
    expect(
      (
        await post(undefined, {
          method: "POST",
          body: raw,
          headers: { "x-hub-signature-256": signBody(raw, appSecret) },
        })
      ).status,
    ).toBe(400);
    expect(graph.calls).toEqual([]);
  });

  it("acknowledges at once and answers afterwards, without making Meta wait", async () => {
    await channel.stop();
    await new Promise((resolve) => server?.close(resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    await serveChannel({
      graphClient: {
        send: async (to, message) => void (await held, sent.push(`${message.type}`)),
        displayNumber: async () => "15550783881",
      },
    });
    const response = await fetch(
      base,
      signedPost(fixture("text", { from: waId, text: "my son is being blackmailed" })),
    );
    expect(response.status).toBe(200);
    expect(sent).toEqual([]);
    release();
    await channel.idle();
    expect(sent.length).toBeGreaterThan(2);
  });

  it("ignores delivery statuses, groups, reactions and other numbers, and answers a redelivered message once", async () => {
    for (const name of ["status-delivered", "group-text", "reaction"] as const)
      expect((await post(fixture(name, { from: waId }))).status).toBe(200);
    const elsewhere = fixture("text", { from: waId, text: "Hi" }) as unknown as {
      entry: Array<{ changes: Array<{ value: { metadata: { phone_number_id: string } } }> }>;
    };
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

  it("retries Meta's pair rate limit (HTTP 400, code 131056), so all replies of the turn are delivered", async () => {
    graph.failNext(400, 1, undefined, { code: 131056 });
    await post(fixture("text", { from: waId, text: "Hi" }));
    expect(graph.calls.length).toBe(4);
    expect(toPerson().map((c) => c.body.type)).toEqual(["text", "text", "interactive"]);
  });

  it("buttons or a list refused for good are sent again as numbered text", async () => {
    graph.failNext(400, 1, undefined, { code: 131009, only: (call) => call.body.type === "interactive" });
    await post(fixture("text", { from: waId, text: "Hi" }));
    const delivered = toPerson();
    expect(delivered.map((c) => c.body.type)).toEqual(["text", "text", "text"]);
    expect((delivered[2]!.body.text as { body: string }).body).toBe(
      "Where do you live?\n1. the Netherlands\n2. Belgium\n3. Luxembourg\n4. Other country",
    );
    expect(logs.text()).toContain('"code":131009');
  });

  it("a reply that cannot be sent does not drop the replies after it", async () => {
    graph.failNext(400, 1, undefined, { code: 131026 });
    await post(fixture("text", { from: waId, text: "Hi" }));
    expect(graph.calls.length).toBe(3);
    expect(toPerson().map((c) => c.body.type)).toEqual(["text", "interactive"]);
    expect(logs.text()).toContain("a reply could not be sent");
  });

  it("counts failed deliveries per error code, without ids or numbers", async () => {
    expect((await post(fixture("status-failed"))).status).toBe(200);
    expect(logs.text()).toContain('"failedByCode":{"131047":1}');
    expect(logs.text()).not.toContain("16505551234");
    expect(logs.text()).not.toContain("wamid.");
  });

  it("two instances sharing one redelivery store answer a message once", async () => {
    const once = createMemoryOnceStore();
    await channel.stop();
    await new Promise((resolve) => server?.close(resolve));
    await serveChannel({ once });
    const other = makeChannel({ once });
    await other.start();
    const payload = fixture("text", { from: waId, text: "Hi" });
    await post(payload);
    expect(graph.calls.length).toBe(3);
    expect((await other.routes.request(webhookPath, signedPost(payload))).status).toBe(200);
    await other.idle();
    expect(graph.calls.length).toBe(3);
    await other.stop();
  });

  it("a safeguarding message is answered with the emergency contacts, and nothing of it is logged", async () => {
    await post(fixture("text", { from: waId, text: "Hi" }));
    await post(
      fixture("list-reply", { from: waId, replyId: "o:pick_country:nl", replyTitle: "the Netherlands" }),
    );
    graph.calls.length = 0;
    await post(fixture("text", { from: waId, text: "my son is being blackmailed" }));
    const texts = toPerson()
      .map((c) => JSON.stringify(c.body))
      .join("\n");
    expect(texts).toContain("Call 112");
    expect(texts).toContain("De Kindertelefoon");
  });

  it("keeps each message in the inbound queue before answering 200; a queue refusing it gets 503", async () => {
    await channel.stop();
    await new Promise((resolve) => server?.close(resolve));
    const queue = await createInboundQueue({
      redis: null,
      dataDir: await mkdtemp(join(tmpdir(), "guardline-cloud-")),
      logger: logs.logger,
      ttlSeconds: 3600,
    });
    const kept: InboundEntry[] = [];
    const inbound = {
      submit: async (entry: InboundEntry) => (kept.push(entry), queue.submit(entry)),
      idle: () => queue.idle(),
    };
    await serveChannel({ inbound });
    queue.start((handle) => channel.handle!(handle));
    const payload = fixture("text", { from: waId, text: "Hi" });
    expect((await post(payload)).status).toBe(200);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.payload).toMatchObject({ chatId: waId, input: { type: "text" } });
    expect(toPerson().length).toBeGreaterThan(0);
    const answered = toPerson().length;
    expect((await post(payload)).status).toBe(200); // Meta's retry: answered once
    expect(toPerson()).toHaveLength(answered);
    await queue.stop();
    // Stopping, the queue refuses what comes: Meta delivers it again to a running instance.
    expect((await post(fixture("text", { from: waId, text: "menu" }))).status).toBe(503);
    expect(toPerson()).toHaveLength(answered);
  });

  it("answers 503 while stopped, so Meta redelivers to a running instance", async () => {
    await channel.stop();
    expect((await post(fixture("text", { from: waId, text: "Hi" }))).status).toBe(503);
    expect(graph.calls).toEqual([]);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)("WhatsApp Cloud API: two instances sharing one Redis inbound stream", () => {
  /** One person's conversation: the country chosen, then what comes after it depends on it. */
  const conversationOf = (from: string) => [
    fixture("text", { from, text: "Hi" }),
    fixture("list-reply", { from, replyId: "o:pick_country:nl", replyTitle: "the Netherlands" }),
    fixture("text", { from, text: "menu" }),
    fixture("text", { from, text: "help" }),
    fixture("text", { from, text: "1" }),
    fixture("text", { from, text: "2" }),
  ];
  const transcriptOf = (from: string) =>
    graph
      .delivered()
      .filter((c) => c.body.to === from)
      .map((c) => JSON.stringify(c.body).replaceAll(from, "<person>"));
  /** Waits until `from` has had `count` messages and nothing more comes for a moment. */
  async function settled(from: string, count: number): Promise<string[]> {
    const deadline = Date.now() + 30_000;
    while (transcriptOf(from).length < count && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 400));
    return transcriptOf(from);
  }

  it("answers one person's messages posted alternately to both in order, as one instance does, each once", async () => {
    const prefix = `guardline-test:${randomBytes(6).toString("hex")}:`;
    const connections: Redis[] = [];
    const queues: InboundQueue[] = [];
    const instance = async () => {
      const redis = new Redis(redisUrl!);
      connections.push(redis);
      const queue = await createInboundQueue({
        redis,
        dataDir: await mkdtemp(join(tmpdir(), "guardline-cloud-redis-")),
        logger: logs.logger,
        ttlSeconds: 3600,
        prefix,
        claimIdleMs: 1500,
      });
      queues.push(queue);
      const cloud = makeChannel({ inbound: queue });
      await cloud.start();
      queue.start((handle) => cloud.handle!(handle));
      return cloud;
    };
    const send = async (cloud: WhatsAppCloudChannel, payload: unknown) =>
      (await cloud.routes.request(webhookPath, signedPost(payload))).status;
    try {
      const [a, b] = [await instance(), await instance()];
      // One instance, one message after the other's answer: the transcript to match.
      const alone = "31611111111";
      for (const payload of conversationOf(alone)) {
        const before = transcriptOf(alone).length;
        expect(await send(a, payload)).toBe(200);
        while (transcriptOf(alone).length === before) await new Promise((r) => setTimeout(r, 10));
        await settled(alone, before + 1);
      }
      const expected = transcriptOf(alone);
      expect(expected.join("\n")).toContain("De Kindertelefoon");

      // Both instances, alternately, without waiting for answers (as Meta delivers a quick typist).
      const shared = "31622222222";
      const messages = conversationOf(shared);
      for (const [i, payload] of messages.entries()) expect(await send(i % 2 ? b : a, payload)).toBe(200);
      expect(await settled(shared, expected.length)).toEqual(expected);

      // Meta delivers the first message again, to both: answered once already.
      expect(await send(a, messages[0])).toBe(200);
      expect(await send(b, messages[0])).toBe(200);
      expect(await settled(shared, expected.length)).toEqual(expected);
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      await Promise.all(queues.map((q) => q.stop()));
      const admin = new Redis(redisUrl!);
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length) await admin.del(...keys);
      await admin.quit();
      await Promise.all(connections.map((c) => c.quit()));
    }
  }, 90_000);
});
