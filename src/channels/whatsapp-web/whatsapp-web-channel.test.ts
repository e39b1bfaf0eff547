/** The WhatsApp Web channel's own duties: pairing, the admin status API, reconnecting, the watchdog, erase. */
import { describe, expect, it } from "vitest";
import { FakePhone, FakeWebClient, webMessage } from "../../../test/channel-contract/fake-web-client.ts";
import {
  captureLogs,
  miniContent,
  recordingSessions,
  testKeyer,
} from "../../../test/channel-contract/support.ts";
import { noAnalytics } from "../../analytics/analytics-sink.ts";
import { createConversation } from "../../conversation/conversation.ts";
import { whatsappStatusRoute } from "./status-route.ts";
import type { WatchdogOptions } from "./web-connection.ts";
import { createWhatsAppWebChannel } from "./whatsapp-web-channel.ts";

const phone = "31687654321";
const chatId = `${phone}@c.us`;
const adminToken = "admin-token-for-tests-0123456789";

const hour = 3600_000;

function setup(
  options: { failFirstStarts?: number; hangFirstStarts?: number; watchdog?: WatchdogOptions } = {},
) {
  const logs = captureLogs();
  const clock = { ms: 1_764_000_000_000 };
  // One paired phone: its message history outlives every browser client.
  const phone = new FakePhone(() => clock.ms);
  const conversation = createConversation({
    content: miniContent(),
    sessions: recordingSessions(),
    keyer: testKeyer,
    analytics: noAnalytics,
    sessionTtlSeconds: 3600,
    logger: logs.logger,
  });
  const clients: FakeWebClient[] = [];
  const qrs: string[] = [];
  const delays: number[] = [];
  const channel = createWhatsAppWebChannel({
    createClient: () => {
      const client = new FakeWebClient(phone);
      client.hangInitialize = clients.length < (options.hangFirstStarts ?? 0);
      if (clients.length < (options.failFirstStarts ?? 0))
        client.failInitialize = new Error(`Failed to launch the browser process for ${chatId}`);
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
    now: () => new Date(clock.ms),
    ...(options.watchdog ? { watchdog: options.watchdog } : {}),
  });
  const status = whatsappStatusRoute({ pairing: () => channel.pairing(), adminToken });
  return { logs, channel, clients, qrs, delays, status, clock };
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
    expect(channel.status()).toMatchObject({
      state: "starting",
      detail: "waiting for the QR code to be scanned",
    });

    expect((await status.request("/api/whatsapp/status")).status).toBe(401);
    expect(
      (
        await status.request("/api/whatsapp/status", {
          headers: { authorization: "Bearer wrong-token-0123456789" },
        })
      ).status,
    ).toBe(401);
    const pairing = await status.request("/api/whatsapp/status", {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(pairing.status).toBe(200);
    const body = (await pairing.json()) as { state: string; qr: string };
    expect(body.state).toBe("pairing");
    expect(body.qr).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{100,}$/);

    clients[0]!.emit("authenticated");
    clients[0]!.emit("ready");
    expect(channel.status()).toEqual({ name: "whatsapp_web", state: "running" });
    const ready = (await (
      await status.request("/api/whatsapp/status", { headers: { authorization: `Bearer ${adminToken}` } })
    ).json()) as { state: string; qr: unknown };
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

  it("erase revokes the bot's recent messages and removes the person's from the bot's phone, and says which", async () => {
    const { channel, clients, logs } = setup();
    await channel.start();
    const client = clients[0]!;
    client.pair();
    client.receive(webMessage({ from: chatId, body: "hi" }));
    await channel.idle();
    client.receive(webMessage({ from: chatId, body: "erase" }));
    await channel.idle();
    client.receive(webMessage({ from: chatId, body: "yes" }));
    await channel.idle();
    expect(client.received.map((r) => r.deleted)).toEqual(["me", "me", "me"]);
    expect(client.sent.slice(0, 4).map((s) => s.deleted)).toEqual([
      "everyone",
      "everyone",
      "everyone",
      "everyone",
    ]);
    expect(client.sent.at(-1)).toMatchObject({
      body: "Done. I have forgotten this conversation.",
      deleted: "no",
    });
    expect(logs.text()).toMatch(/"revoked":4,"removedForBot":3,"failed":0/);
    await channel.stop();
    expect(logs.text()).not.toContain(phone);
  });

  it("erase after a reconnect works through the new client", async () => {
    const { channel, clients, logs } = setup();
    await channel.start();
    clients[0]!.pair();
    clients[0]!.receive(webMessage({ from: chatId, body: "hi" }));
    await channel.idle();
    clients[0]!.emit("disconnected", "NAVIGATION");
    await waitFor(() => clients.length === 2);
    clients[1]!.pair();
    clients[1]!.receive(webMessage({ from: chatId, body: "erase" }));
    await channel.idle();
    clients[1]!.receive(webMessage({ from: chatId, body: "yes" }));
    await channel.idle();
    expect(clients[0]!.sent.map((s) => s.deleted)).toEqual(["everyone", "everyone", "everyone"]);
    expect(clients[0]!.received.map((r) => r.deleted)).toEqual(["me"]);
    expect(logs.text()).toMatch(/"revoked":4,"removedForBot":3,"failed":0/);
    await channel.stop();
  });

  it("past WhatsApp's revoke window the bot's messages leave only its own phone, and the log says so", async () => {
    const { channel, clients, logs, clock } = setup();
    await channel.start();
    const client = clients[0]!;
    client.pair();
    client.receive(webMessage({ from: chatId, body: "hi" }));
    await channel.idle();
    clock.ms += 61 * hour;
    client.receive(webMessage({ from: chatId, body: "erase" }));
    await channel.idle();
    client.receive(webMessage({ from: chatId, body: "yes" }));
    await channel.idle();
    expect(client.sent.slice(0, 3).map((s) => s.deleted)).toEqual(["me", "me", "me"]);
    // Only erase's own question is recent enough to revoke.
    expect(logs.text()).toMatch(/"revoked":1,"removedForBot":6,"failed":0/);
    await channel.stop();
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
    expect(logs.text()).toContain("a reply could not be sent");
    expect(logs.text()).not.toContain(phone);
    expect(logs.text()).not.toContain("8765 4321");
    expect(channel.status().state).toBe("running");
    await channel.stop();
  });

  it("start() then stop() while initialize() is pending ends stopped, without a false warning", async () => {
    const { channel, clients, logs } = setup({ hangFirstStarts: 1 });
    await channel.start();
    await channel.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clients).toHaveLength(1);
    expect(channel.status()).toEqual({ name: "whatsapp_web", state: "stopped" });
    expect(logs.text()).not.toContain("failed to start");
  });

  it("watchdog: an initialize() that hangs is given up after its deadline and retried", async () => {
    const { channel, clients, logs } = setup({ hangFirstStarts: 1, watchdog: { initializeTimeoutMs: 20 } });
    await channel.start();
    await waitFor(() => clients.length === 2);
    expect(clients[0]!.destroyed).toBe(true);
    expect(logs.text()).toContain('"reason":"start timed out"');
    clients[1]!.pair();
    expect(channel.status().state).toBe("running");
    await channel.stop();
  });

  it("watchdog: a ready client that stops answering getState() is replaced", async () => {
    const { channel, clients, logs } = setup({ watchdog: { healthIntervalMs: 5, healthTimeoutMs: 10 } });
    await channel.start();
    clients[0]!.pair();
    await waitFor(() => clients[0]!.getStateCalls >= 2);
    expect(clients).toHaveLength(1);
    clients[0]!.state = "hang";
    await waitFor(() => clients.length === 2);
    expect(clients[0]!.destroyed).toBe(true);
    expect(logs.text()).toContain('"reason":"no answer"');
    await channel.stop();
  });

  it("watchdog: a client not CONNECTED for several checks in a row is replaced; one blip is not enough", async () => {
    const { channel, clients, logs } = setup({
      watchdog: { healthIntervalMs: 5, healthTimeoutMs: 50, unhealthyChecks: 3 },
    });
    await channel.start();
    clients[0]!.pair();
    clients[0]!.state = "TIMEOUT" as never;
    await waitFor(() => clients[0]!.getStateCalls >= 2);
    clients[0]!.state = "CONNECTED" as never;
    const calls = clients[0]!.getStateCalls;
    await waitFor(() => clients[0]!.getStateCalls >= calls + 3);
    expect(clients).toHaveLength(1);
    clients[0]!.state = "OPENING" as never;
    await waitFor(() => clients.length === 2);
    expect(logs.text()).toContain('"reason":"not connected"');
    await channel.stop();
  });
});
