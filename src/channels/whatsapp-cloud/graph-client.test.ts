import { describe, expect, it } from "vitest";
import { createGraphClient, GraphApiError } from "./graph-client.ts";

const message = { type: "text", text: { body: "Hi", preview_url: false } } as const;

/** Scripted answers: a status, a network failure, [status, Retry-After] or { status, code } (Meta's error.code). */
function scripted(statuses: Array<number | "network" | [number, string] | { status: number; code: number }>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = statuses.shift() ?? 200;
    if (next === "network") throw new TypeError("fetch failed");
    const [status, retryAfter] = Array.isArray(next)
      ? next
      : typeof next === "number"
        ? [next, undefined]
        : [next.status, undefined];
    const code = typeof next === "object" && !Array.isArray(next) ? next.code : status === 429 ? 130429 : 100;
    return new Response(
      JSON.stringify(status === 200 ? { messages: [{ id: "wamid.x" }] } : { error: { code } }),
      { status, headers: retryAfter ? { "retry-after": retryAfter } : {} },
    );
  }) as typeof globalThis.fetch;
  const sleeps: number[] = [];
  const client = createGraphClient({
    apiRoot: "http://graph.test/",
    apiVersion: "v99.0",
    phoneNumberId: "123",
    token: "tok",
    fetch,
    backoff: (n) => n * 100,
    sleep: async (ms) => void sleeps.push(ms),
    retries: 3,
    throttleRetries: 6,
  });
  return { calls, sleeps, client };
}

describe("Graph API client", () => {
  it("posts to <root>/<version>/<phone number id>/messages with the token", async () => {
    const { calls, client } = scripted([200]);
    await client.send("16505551234", message);
    expect(calls[0]!.url).toBe("http://graph.test/v99.0/123/messages");
    expect(new Headers(calls[0]!.init.headers).get("authorization")).toBe("Bearer tok");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "16505551234",
      ...message,
    });
  });

  it("retries 429, 5xx and network failures with backoff, honouring Retry-After", async () => {
    const { calls, sleeps, client } = scripted([[429, "2"], 503, "network", 200]);
    await client.send("1", message);
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([2000, 100, 200]);
  });

  it("throttles do not count against the retries of failures: five 429s and three 500s still deliver", async () => {
    const { calls, client } = scripted([429, 500, 429, 429, 500, 429, 429, 500, 200]);
    await client.send("1", message);
    expect(calls).toHaveLength(9);
  });

  it("gives up after the retries, and does not retry other client errors", async () => {
    const many = scripted([500, 500, 500, 500, 500]);
    await expect(many.client.send("1", message)).rejects.toMatchObject({
      name: "GraphApiError",
      status: 500,
      attempts: 4,
    });
    const bad = scripted([400]);
    const error = await bad.client.send("1", message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect(bad.calls).toHaveLength(1);
    expect(String((error as Error).message)).not.toContain("16505551234");
    expect((error as GraphApiError).refused).toBe(true);
  });

  it.each([4, 80007, 130429, 131056, 131000, 131016, 133004])(
    "retries Meta's throttling or transient error code %i even with HTTP 400",
    async (code) => {
      const { calls, client } = scripted([{ status: 400, code }, 200]);
      await client.send("1", message);
      expect(calls).toHaveLength(2);
    },
  );

  it("a throttle that outlasts the retries is not taken for a refusal", async () => {
    const { client } = scripted(Array.from({ length: 7 }, () => ({ status: 400, code: 131056 })));
    const error = (await client.send("1", message).catch((e: unknown) => e)) as GraphApiError;
    expect(error).toMatchObject({ status: 400, code: 131056, attempts: 7 });
    expect(error.refused).toBe(false);
  });
});
