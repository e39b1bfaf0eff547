/**
 * {{link}} is each channel's own share link: Telegram's t.me name, WhatsApp's wa.me number (the
 * Cloud API's display number, or the phone paired with WhatsApp Web), never one channel's link
 * shown on another.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noAnalytics } from "../analytics/analytics-sink.ts";
import { fixedContent } from "../content/content-source.ts";
import { createConversation } from "../conversation/conversation.ts";
import { createMemorySessionStore } from "../sessions/memory-session-store.ts";
import { appSecret, phoneNumberId, verifyToken } from "../../test/channel-contract/cloud-fixtures.ts";
import { startFakeGraphApi, type FakeGraphApi } from "../../test/channel-contract/fake-graph-api.ts";
import { FakeWebClient } from "../../test/channel-contract/fake-web-client.ts";
import { captureLogs, testKeyer } from "../../test/channel-contract/support.ts";
import { loadOk, miniDir } from "../../test/support/content.ts";
import { createGraphClient } from "./whatsapp-cloud/graph-client.ts";
import { createWhatsAppCloudChannel } from "./whatsapp-cloud/whatsapp-cloud-channel.ts";
import { createWhatsAppWebChannel } from "./whatsapp-web/whatsapp-web-channel.ts";

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeGraphApi();
});
afterAll(() => graph.close());

/** A conversation whose greeting shows {{link}}, with each channel's link. */
function conversationShowingLink(links: Record<string, string>) {
  const { bundle, translator } = loadOk(miniDir);
  const t: typeof translator.t = (language, key, params) =>
    key === "welcome:hello" ? `Share: ${params?.link}` : translator.t(language, key, params);
  return createConversation({
    content: fixedContent({ bundle, translator: { ...translator, t } }),
    sessions: createMemorySessionStore(),
    keyer: testKeyer,
    analytics: noAnalytics,
    sessionTtlSeconds: 60,
    textParams: (channel) => ({ link: links[channel] ?? "" }),
  });
}

describe("share link per channel", () => {
  it("renders each channel's own link", async () => {
    const conversation = conversationShowingLink({
      telegram: "https://t.me/guardline_bot",
      whatsapp_cloud: "https://wa.me/15550783881",
    });
    const greet = async (channel: string) =>
      (await conversation.handle({ channel, chatId: "c", input: { type: "start" } })).replies[0]!.text;
    expect(await greet("telegram")).toBe("Share: https://t.me/guardline_bot");
    expect(await greet("whatsapp_cloud")).toBe("Share: https://wa.me/15550783881");
    expect(await greet("whatsapp_web")).toBe("Share: ");
  });

  const cloud = (options: { displayNumber?: string; onLink: (link: string) => void }) =>
    createWhatsAppCloudChannel({
      conversation: conversationShowingLink({}),
      keyer: testKeyer,
      logger: captureLogs().logger,
      graph: createGraphClient({ apiRoot: graph.url, apiVersion: "v26.0", phoneNumberId, token: "t" }),
      phoneNumberId,
      appSecret,
      verifyToken,
      ...options,
    });

  it("WhatsApp Cloud: learns the display number from the Graph API at start", async () => {
    const links: string[] = [];
    const channel = cloud({ onLink: (link) => links.push(link) });
    await channel.start();
    await expect.poll(() => links).toEqual(["https://wa.me/15550783881"]);
    await channel.stop();
  });

  it("WhatsApp Cloud: or takes WHATSAPP_CLOUD_DISPLAY_NUMBER as configured", async () => {
    const links: string[] = [];
    const channel = cloud({ displayNumber: "+31 20 123 4567", onLink: (link) => links.push(link) });
    await channel.start();
    expect(links).toEqual(["https://wa.me/31201234567"]);
    await channel.stop();
  });

  it("WhatsApp Web: the paired phone's number once the client is ready", async () => {
    const links: string[] = [];
    const client = new FakeWebClient();
    const channel = createWhatsAppWebChannel({
      createClient: () => client,
      conversation: conversationShowingLink({}),
      keyer: testKeyer,
      logger: captureLogs().logger,
      onPaired: (number) => links.push(`https://wa.me/${number}`),
    });
    await channel.start();
    client.pair();
    expect(links).toEqual(["https://wa.me/31600000001"]);
    await channel.stop();
  });
});
