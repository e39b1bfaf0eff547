/** The WhatsApp Web channel's own duties: pairing, the admin status API, reconnecting, erase. */
import { describe, expect, it } from "vitest";
import { FakeWebClient, webMessage } from "../../../test/channel-contract/fake-web-client.ts";
import { captureLogs, miniContent, recordingSessions, testKeyer } from "../../../test/channel-contract/support.ts";
import { noAnalytics } from "../../analytics/analytics-sink.ts";
import { createConversation } from "../../conversation/conversation.ts";
import { whatsappStatusRoute } from "./status-route.ts";
import { createWhatsAppWebChannel } from "./whatsapp-web-channel.ts";

const phone = "31687654321";
const chatId = `${phone}@c.us`;
const adminToken = "admin-token-for-tests-0123456789";

function setup(options: { failFirstStarts?: number } = {}) {
  const logs = captureLogs();
  const conversation = createConversation({ content: miniContent(), sessions: recordingSessions(), keyer: testKeyer, analytics: noAnalytics, sessionTtlSeconds: 3600, logger: logs.logger });
  const clients: FakeWebClient[] = [];
  const qrs: string[] = [];
  const delays: number[] = [];
  const channel = createWhatsAppWebChannel({
    createClient: () => {
      const client = new FakeWebClient();
      if (clients.length < (options.failFirstStarts ?? 0)) client.failInitialize = new Error(`Failed to launch the browser process for ${chatId}`);
      clients.push(client);
      return client;
    },
    conversation,
    keyer: testKeyer,
    logger: logs.logger,
    showQr: (qr) => qrs.push(qr),
    backoff: (attempt) => {
      delays.push(attempt);
      return 1;
    },
  });
  const status = whatsappStatusRoute({ pairing: () => channel.pairing(), adminToken });
  return { logs, channel, clients, qrs, delays, status };
}

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe("WhatsApp Web channel", () => {
  it("pairs by QR: shown in the terminal and, to admins only, as a PNG data URL", async () => {
    const { channel, clients, qrs, status } = setup();
    await channel.start();
    clients[0]!.emit("qr", "2@qr-one");
    expect(qrs).toEqual(["2@qr-one"]);
    expect(channel.status()).toMatchObject({ state: "starting", detail: "waiting for the QR code to be scanned" });

    expect((await status.request("/api/whatsapp/status")).status).toBe(401);
    expect((await status.request("/api/whatsapp/status", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    const pairing = await status.request("/api/whatsapp/status", { headers: { authorization: `Bearer ${adminToken}` } });
    expect(pairing.status).toBe(200);
    const body = (await pairing.json()) as { state: string; qr: string };
    expect(body.state).toBe("pairing");
    expect(body.qr).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{100,}$/);

    clients[0]!.emit("authenticated");
    clients[0]!.emit("ready");
    expect(channel.status()).toEqual({ name: "whatsapp_web", state: "running" });
    const ready = (await (await status.request("/api/whatsapp/status", { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { state: string; qr: unknown };
    expect(ready).toMatchObject({ state: "ready", qr: null });
    await channel.stop();
    expect(clients[0]!.destroyed).toBe(true);
  });

  it("reconnects with backoff after a disconnect, with a fresh client, and logs no phone number", async () => {
    const { channel, clients, delays, logs } = setup();
    await channel.start();
    clients[0]!.pair();
    clients[0]!.emit("disconnected", "LOGOUT");
    expect(channel.status().state).toBe("error");
    await waitFor(() => clients.length === 2);
    expect(clients[0]!.destroyed).toBe(true);
    // Events of the old client no longer count.
    clients[0]!.receive(webMessage({ from: chatId, body: "hi" }));
    clients[1]!.pair();
    clients[1]!.receive(webMessage({ from: chatId, body: "hi" }));
    await channel.idle();
    expect(clients[0]!.sent).toEqual([]);
    expect(clients[1]!.sent.length).toBeGreaterThan(0);
    expect(delays).toEqual([1]);
    expect(logs.text()).toContain('"reason":"LOGOUT"');
    await channel.stop();
    expect(logs.text()).not.toContain(phone);
  });

  it("keeps retrying when the browser cannot start, and resets the backoff once ready", async () => {
    const { channel, clients, delays, logs } = setup({ failFirstStarts: 2 });
    await channel.start();
    await waitFor(() => clients.length === 3);
    expect(delays).toEqual([1, 2]);
    clients[2]!.pair();
    clients[2]!.emit("disconnected", "CONFLICT");
    await waitFor(() => clients.length === 4);
    expect(delays).toEqual([1, 2, 1]);
    await channel.stop();
    expect(logs.text()).toContain("failed to start");
    expect(logs.text()).not.toContain(phone);
  });

  it("erase revokes what it can and removes the person's messages from the bot's phone", async () => {
    const { channel, clients, logs } = setup();
    await channel.start();
    const client = clients[0]!;
    client.pair();
    const incoming = webMessage({ from: chatId, body: "hi" });
    let removedFromPhone = false;
    incoming.delete = async (everyone) => void (removedFromPhone = everyone === false);
    client.receive(incoming);
    await channel.idle();
    client.refuseRevoke = true;
    client.receive(webMessage({ from: chatId, body: "erase" }));
    await channel.idle();
    expect(removedFromPhone).toBe(true);
    expect(client.sent.at(-1)!.body).toBe("Done. I have forgotten this conversation.");
    expect(logs.text()).toMatch(/"deleted":2,"failed":3/);
    await channel.stop();
    expect(logs.text()).not.toContain(phone);
  });

  it("a failing send is logged without the chat id and does not stop the channel", async () => {
    const { channel, clients, logs } = setup();
    await channel.start();
    const client = clients[0]!;
    client.pair();
    client.sendMessage = async () => {
      throw new Error(`Evaluation failed: no chat ${chatId} (+31 6 8765 4321)`);
    };
    client.receive(webMessage({ from: chatId, body: "hi" }));
    await channel.idle();
    expect(logs.text()).toContain("a turn failed");
    expect(logs.text()).not.toContain(phone);
    expect(logs.text()).not.toContain("8765 4321");
    expect(channel.status().state).toBe("running");
    await channel.stop();
  });
});
