/** WhatsApp Web (whatsapp-web.js) against the channel contract, with a fake client. */
import type { Message } from "whatsapp-web.js";
import { noAnalytics } from "../../src/analytics/analytics-sink.ts";
import { createWhatsAppWebChannel } from "../../src/channels/whatsapp-web/whatsapp-web-channel.ts";
import { createConversation } from "../../src/conversation/conversation.ts";
import { channelContract, type Seen, type UnsupportedKind } from "./contract.ts";
import { FakeWebClient, webMessage, type WebMessageFields } from "./fake-web-client.ts";
import { parseNumbered } from "./support.ts";

const phone = "31612345678";
const chatId = `${phone}@c.us`;

const unsupported: Record<UnsupportedKind, Omit<WebMessageFields, "from">> = {
  image: { type: "image", hasMedia: true, body: "" },
  voice: { type: "ptt", hasMedia: true },
  sticker: { type: "sticker", hasMedia: true },
  location: {
    type: "location",
    location: { latitude: 52.3676, longitude: 4.9041, description: "Amsterdam" } as never,
  },
};

channelContract("whatsapp-web (fake client)", async (deps) => {
  const conversation = createConversation({ ...deps, analytics: noAnalytics, sessionTtlSeconds: 3600 });
  const client = new FakeWebClient();
  const channel = createWhatsAppWebChannel({
    createClient: () => client,
    conversation,
    keyer: deps.keyer,
    logger: deps.logger,
  });
  await channel.start();
  client.pair();
  let last: Seen[] = [];
  let lastMessage: Message | undefined;
  const deliver = async (message: Message): Promise<Seen[]> => {
    lastMessage = message;
    const before = client.sent.length;
    client.receive(message);
    await channel.idle();
    last = client.sent.slice(before).map((s) => parseNumbered(s.body));
    return last;
  };
  const receive = (fields: Omit<WebMessageFields, "from">) =>
    deliver(webMessage({ from: chatId, ...fields }));
  const send = (body: string) => receive({ body });
  return {
    maxChars: 4096,
    identifiers: [phone, chatId],
    open: () => send("Hi"),
    startWith: (payload) => send(`Hello! I saw your poster [${payload}]`),
    send,
    choose(label) {
      const index = last.findLast((s) => s.options.length)?.options.indexOf(label) ?? -1;
      if (index < 0) throw new Error(`"${label}" was not offered`);
      return send(String(index + 1));
    },
    sendUnsupported: (kind) => receive(unsupported[kind]),
    failNextSend: (how) =>
      client.failNextSend(
        new Error(
          how === "unreachable" ? "Evaluation failed: Error: wid error: invalid wid" : "Evaluation failed: t",
        ),
      ),
    redeliver: () => deliver(lastMessage!),
    deletedByErase: () => client.sent.filter((s) => s.deleted === "everyone").length,
    close: () => channel.stop(),
  };
});
