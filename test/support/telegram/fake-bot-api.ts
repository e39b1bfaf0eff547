/**
 * A Bot API server on loopback for tests: records every call, answers like Telegram, serves
 * getUpdates (long polling) from a queue, and can be told to fail the next calls of a method
 * with 429 (retry_after) or 500. The bot under test talks to it over real HTTP.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, UserFromGetMe } from "grammy/types";

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** HTTP status the fake answered with (set when it answers; 0 for a call stalled and never answered). */
  status?: number;
}

type Answer = { status: number; body: unknown };

export interface FakeBotApi {
  /** Use as TELEGRAM_API_ROOT. */
  apiRoot: string;
  token: string;
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** Texts delivered with sendMessage (failed attempts left out), in order. */
  texts(): string[];
  /** Queues an update for getUpdates (long polling). */
  push(update: Update): void;
  /** The next `times` calls of `method` (to `chatId` only, when given) fail with this answer. */
  failNext(method: string, answer: "429" | "500" | Answer, times?: number, chatId?: number): void;
  /**
   * Lets `after` calls of `method` through, then holds the next one unanswered for good (status
   * 0: not delivered), as a Bot API call in flight when its caller dies. Resolves when it arrives.
   */
  stallNext(method: string, after?: number): Promise<void>;
  /** Replaces the answer of a method (result only). */
  answer(method: string, result: (payload: Record<string, unknown>) => unknown): void;
  /** Milliseconds every sendMessage takes to answer, as a distant server does (default 0). */
  sendLatencyMs: number;
  /** Resolves when `predicate` holds for the recorded calls (polls every 10 ms). */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const fakeBotInfo: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: "Guardline",
  username: "guardline_test_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export async function startFakeBotApi(token = "123456:TEST-token_abc"): Promise<FakeBotApi> {
  const calls: RecordedCall[] = [];
  const updates: Update[] = [];
  const failures = new Map<string, Array<Answer & { chatId?: number }>>();
  const overrides = new Map<string, (payload: Record<string, unknown>) => unknown>();
  const stalls = new Map<string, { after: number; arrived: () => void }>();
  let waiting: Array<() => void> = [];
  let nextMessageId = 1000;

  const results: Record<string, (p: Record<string, unknown>) => unknown> = {
    getMe: () => fakeBotInfo,
    sendMessage: (p) => ({
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: p.chat_id, type: "private" },
      text: p.text,
    }),
    getUpdates: () => [],
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const body = await readBody(req);
    if (!match || match[1] !== token)
      return send(res, { status: 404, body: { ok: false, error_code: 404, description: "Not Found" } });
    const method = match[2]!;
    const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const call: RecordedCall = { method, payload };
    calls.push(call);
    const stall = stalls.get(method);
    if (stall && stall.after-- === 0) {
      stalls.delete(method);
      call.status = 0;
      stall.arrived();
      return; // never answered: the caller's socket closes when it dies
    }
    const queue = failures.get(method) ?? [];
    const at = queue.findIndex((f) => f.chatId === undefined || f.chatId === payload.chat_id);
    const failure = at < 0 ? undefined : queue.splice(at, 1)[0];
    call.status = failure?.status ?? 200;
    if (failure) return send(res, failure);
    if (method === "getUpdates") return longPoll(req, res, payload);
    if (method === "sendMessage" && fake.sendLatencyMs)
      await new Promise((resolve) => setTimeout(resolve, fake.sendLatencyMs));
    const result = (overrides.get(method) ?? results[method] ?? (() => true))(payload);
    send(res, { status: 200, body: { ok: true, result } });
  };

  const longPoll = async (req: IncomingMessage, res: ServerResponse, payload: Record<string, unknown>) => {
    const offset = Number(payload.offset ?? 0);
    const pending = () => updates.filter((u) => u.update_id >= offset);
    const deadline = Date.now() + Number(payload.timeout ?? 0) * 1000;
    while (!pending().length && Date.now() < deadline && !req.destroyed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        waiting.push(() => (clearTimeout(timer), resolve()));
      });
    }
    if (!res.destroyed)
      send(res, {
        status: 200,
        body: { ok: true, result: pending().slice(0, Number(payload.limit ?? 100)) },
      });
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const wake = () => {
    const w = waiting;
    waiting = [];
    for (const f of w) f();
  };

  const fake: FakeBotApi = {
    sendLatencyMs: 0,
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    texts: () =>
      calls.filter((c) => c.method === "sendMessage" && c.status === 200).map((c) => String(c.payload.text)),
    push(update) {
      updates.push(update);
      wake();
    },
    failNext(method, answer, times = 1, chatId) {
      const a: Answer =
        answer === "429"
          ? {
              status: 429,
              body: {
                ok: false,
                error_code: 429,
                description: "Too Many Requests: retry after 1",
                parameters: { retry_after: 1 },
              },
            }
          : answer === "500"
            ? { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } }
            : answer;
      const each = chatId === undefined ? a : { ...a, chatId };
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => each)]);
    },
    stallNext(method, after = 0) {
      return new Promise<void>((arrived) => stalls.set(method, { after, arrived }));
    },
    answer(method, result) {
      overrides.set(method, result);
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline)
          throw new Error(
            `fake Bot API: condition not met in ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(", ")}`,
          );
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { "content-type": "application/json" });
  res.end(JSON.stringify(answer.body));
}
