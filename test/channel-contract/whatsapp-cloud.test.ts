/** The WhatsApp Cloud API channel against the channel contract: signed webhooks in, a fake Graph API out. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { noAnalytics } from "../../src/analytics/analytics-sink.ts";
import { createGraphClient } from "../../src/channels/whatsapp-cloud/graph-client.ts";
import type { GraphMessage } from "../../src/channels/whatsapp-cloud/to-platform.ts";
import {
  createWhatsAppCloudChannel,
  webhookPath,
} from "../../src/channels/whatsapp-cloud/whatsapp-cloud-channel.ts";
import { createConversation } from "../../src/conversation/conversation.ts";
import {
  appSecret,
  fixture,
  phoneNumberId,
  signedPost,
  verifyToken,
  type FixtureName,
} from "./cloud-fixtures.ts";
import { createInboundQueue } from "../../src/inbound/create-inbound-queue.ts";
import { channelContract, type Seen, type UnsupportedKind } from "./contract.ts";
import { startFakeGraphApi, type FakeGraphApi, type GraphCall } from "./fake-graph-api.ts";
import { parseNumbered } from "./support.ts";

const waId = "16505550199";
let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeGraphApi();
});
afterAll(() => graph.close());

/** What the person's phone shows for one Graph API message, and how each option is tapped. */
function seenOf(
  call: GraphCall,
): Seen & { taps: Map<string, { kind: "button_reply" | "list_reply"; id: string }> } {
  const message = call.body as unknown as GraphMessage;
  const taps = new Map<string, { kind: "button_reply" | "list_reply"; id: string }>();
  if (message.type === "text") return { ...parseNumbered(message.text.body), taps };
  const { interactive } = message;
  const items =
    interactive.type === "button"
      ? interactive.action.buttons.map((b) => b.reply)
      : interactive.action.sections.flatMap((s) => s.rows);
  for (const item of items)
    taps.set(item.title, {
      kind: interactive.type === "button" ? "button_reply" : "list_reply",
      id: item.id,
    });
  return { text: interactive.body.text, options: items.map((i) => i.title), taps };
}

const unsupported: Record<UnsupportedKind, FixtureName> = {
  image: "image",
  voice: "voice",
  sticker: "sticker",
  location: "location",
};

for (const queued of [false, true])
  channelContract(
    `whatsapp-cloud (fake Graph API${queued ? ", through the embedded inbound queue" : ""})`,
    async (deps) => {
      // Through the queue as the service runs it: kept in DATA_DIR, then taken by handle().
      const inbound = queued
        ? await createInboundQueue({
            redis: null,
            dataDir: mkdtempSync(join(tmpdir(), "guardline-contract-")),
            logger: deps.logger,
            ttlSeconds: 3600,
          })
        : undefined;
      const conversation = createConversation({ ...deps, analytics: noAnalytics, sessionTtlSeconds: 3600 });
      const channel = createWhatsAppCloudChannel({
        ...(inbound ? { inbound } : {}),
        conversation,
        keyer: deps.keyer,
        logger: deps.logger,
        graph: createGraphClient({
          apiRoot: graph.url,
          apiVersion: "v26.0",
          phoneNumberId,
          token: "test-token",
          backoff: () => 1,
        }),
        phoneNumberId,
        appSecret,
        verifyToken,
      });
      await channel.start();
      inbound?.start((handle) => channel.handle!(handle));
      let last: ReturnType<typeof seenOf>[] = [];
      let lastPayload: unknown;
      const post = async (payload: unknown): Promise<Seen[]> => {
        lastPayload = payload;
        const before = graph.delivered().length;
        const response = await channel.routes.request(webhookPath, signedPost(payload));
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
        await channel.idle();
        last = graph
          .delivered()
          .slice(before)
          .filter((c) => c.body.to === waId)
          .map(seenOf);
        return last.map(({ text, options }) => ({ text, options }));
      };
      const send = (text: string) => post(fixture("text", { from: waId, text }));
      return {
        maxChars: 4096,
        identifiers: [waId],
        open: () => send("Hi"),
        startWith: (payload) => send(`Hola, quiero saber más [${payload}]`),
        send,
        choose(label) {
          const shown = last.findLast((s) => s.options.length);
          const tap = shown?.taps.get(label);
          if (tap)
            return post(
              fixture(tap.kind === "button_reply" ? "button-reply" : "list-reply", {
                from: waId,
                replyId: tap.id,
                replyTitle: label,
              }),
            );
          const index = shown?.options.indexOf(label) ?? -1;
          if (index < 0) throw new Error(`"${label}" was not offered`);
          return send(String(index + 1));
        },
        sendUnsupported: (kind) => post(fixture(unsupported[kind], { from: waId })),
        // 100: invalid parameter (refused for good); 131047: the person wrote more than 24 hours ago.
        failNextSend: (how) =>
          graph.failNext(400, 1, undefined, { code: how === "unreachable" ? 131047 : 100 }),
        redeliver: () => post(lastPayload),
        async close() {
          await channel.pause?.();
          await inbound?.stop();
          await channel.stop();
        },
      };
    },
  );
