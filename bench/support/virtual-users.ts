/**
 * Virtual Telegram users for the turns benchmark: they post updates to a bot's webhook (with the
 * secret header) and watch a Bot API double on loopback for the bot's answers. A turn is timed
 * from the update posted to the next question (a message with buttons) received for that chat.
 */
import { Agent, request } from "node:http";
import type { Update } from "grammy/types";
import { startFakeBotApi, type FakeBotApi } from "../../test/support/telegram/fake-bot-api.ts";
import { callbackUpdate, textUpdate } from "../../test/support/telegram/updates.ts";

export const secretHeader = "X-Telegram-Bot-Api-Secret-Token";

export interface Webhook {
  url: string;
  secret: string;
}

export interface RunResult {
  turns: number;
  failed: number;
  seconds: number;
  /** Milliseconds per turn, sorted. */
  durations: number[];
}

export interface BotApiDouble {
  api: FakeBotApi;
  /** Resolves with the buttons (callback data) of the next question sent to this chat. */
  nextQuestion(chatId: number, timeoutMs?: number): Promise<string[]>;
  /** sendMessage calls answered so far. */
  messages(): number;
  /** Bot API calls so far, by method (to compare what each bot asks per turn). */
  methods(): Record<string, number>;
  close(): Promise<void>;
}

export async function startBotApiDouble(): Promise<BotApiDouble> {
  const api = await startFakeBotApi();
  const waiting = new Map<number, (buttons: string[]) => void>();
  let messageId = 1;
  let messages = 0;
  api.answer("sendMessage", (payload) => {
    messages++;
    const markup = payload.reply_markup as
      { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined;
    const chatId = Number(payload.chat_id);
    if (markup?.inline_keyboard) {
      const resolve = waiting.get(chatId);
      waiting.delete(chatId);
      resolve?.(markup.inline_keyboard.flat().map((b) => b.callback_data ?? ""));
    }
    return {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private" },
    };
  });
  // The double keeps every call for tests; a benchmark only needs the answers and a tally.
  const tally: Record<string, number> = {};
  const count = () => {
    for (const call of api.calls.splice(0)) tally[call.method] = (tally[call.method] ?? 0) + 1;
  };
  const forget = setInterval(count, 1000);
  return {
    api,
    messages: () => messages,
    methods: () => (count(), { ...tally }),
    nextQuestion: (chatId, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(chatId);
          reject(new Error("no question within the time limit"));
        }, timeoutMs);
        waiting.set(chatId, (buttons) => (clearTimeout(timer), resolve(buttons)));
      }),
    async close() {
      clearInterval(forget);
      await api.close();
    },
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
/** Bot API methods a bot called in its answer to a webhook request, by method. */
export const webhookReplies: Record<string, number> = {};
let updateId = 1;

/**
 * POSTs one update the way Telegram does; resolves with the HTTP status. A kept-alive connection
 * the server closed just then is tried again on a new one, as Telegram does.
 */
export async function postUpdate(webhook: Webhook, update: Update): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await postOnce(webhook, JSON.stringify(update));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 3 || (code !== "ECONNRESET" && code !== "EPIPE")) throw error;
    }
  }
}

function postOnce(webhook: Webhook, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      webhook.url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          [secretHeader]: webhook.secret,
        },
      },
      (res) => {
        // A bot may answer a tap in the response itself (a webhook reply): counted as its call.
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => {
          const method = /"method":"(\w+)"/.exec(body)?.[1];
          if (method) webhookReplies[method] = (webhookReplies[method] ?? 0) + 1;
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** One turn: the update posted, then the next question for that chat awaited. */
export async function turn(
  double: BotApiDouble,
  webhook: Webhook,
  chatId: number,
  update: Update,
): Promise<{ ms: number; buttons: string[] }> {
  const t0 = performance.now();
  const question = double.nextQuestion(chatId);
  question.catch(() => {}); // awaited below; a failed post must not leave it unhandled
  const status = await postUpdate(webhook, update);
  if (status !== 200) throw new Error(`webhook answered ${status}`);
  const buttons = await question;
  return { ms: performance.now() - t0, buttons };
}

/**
 * `users` people at once, each sending /start and then tapping `taps` buttons in a row (a random
 * button of the last question, seeded per person, so both bots see the same taps). With
 * `seconds`, each virtual user starts a new conversation (a new chat) when one ends, until that
 * long has passed: the load stays at `users` conversations throughout, and a run lasts long
 * enough for its rate not to hang on the first and last few turns.
 */
export async function runUsers(
  double: BotApiDouble,
  webhook: Webhook,
  options: { users: number; taps: number; firstChatId: number; seconds?: number },
): Promise<RunResult> {
  const durations: number[] = [];
  let failed = 0;
  const started = performance.now();
  const deadline = started + (options.seconds ?? 0) * 1000;
  const conversation = async (chatId: number) => {
    let seed = chatId;
    const pick = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    try {
      let answer = await turn(double, webhook, chatId, textUpdate(updateId++, "/start", { chatId }));
      durations.push(answer.ms);
      for (let t = 0; t < options.taps; t++) {
        const data = answer.buttons[pick(answer.buttons.length)]!;
        answer = await turn(double, webhook, chatId, callbackUpdate(updateId++, data, chatId));
        durations.push(answer.ms);
      }
    } catch {
      failed++;
    }
  };
  const user = async (index: number) => {
    for (let round = 0; round === 0 || performance.now() < deadline; round++)
      await conversation(options.firstChatId + index + round * options.users);
  };
  await Promise.all(Array.from({ length: options.users }, (_, i) => user(i)));
  const seconds = (performance.now() - started) / 1000;
  return { turns: durations.length, failed, seconds, durations: durations.sort((a, b) => a - b) };
}

/** A /start from each of `count` new people, `concurrency` webhook requests at a time (Telegram's default is 40). */
export async function burst(
  double: BotApiDouble,
  webhook: Webhook,
  options: { count: number; concurrency: number; firstChatId: number },
): Promise<{ posted: number; answered: Promise<number> }> {
  let next = 0;
  let answered = 0;
  const questions: Array<Promise<unknown>> = [];
  const worker = async () => {
    while (next < options.count) {
      const chatId = options.firstChatId + next++;
      questions.push(
        double.nextQuestion(chatId, 600_000).then(
          () => answered++,
          () => undefined,
        ),
      );
      await postUpdate(webhook, textUpdate(updateId++, "/start", { chatId })).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { posted: next, answered: Promise.all(questions).then(() => answered) };
}

/** A /start from this chat, with a fresh update id. */
export const startUpdate = (chatId: number): Update => textUpdate(updateId++, "/start", { chatId });

export const percentile = (sorted: number[], q: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
