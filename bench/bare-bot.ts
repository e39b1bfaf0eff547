/**
 * The yardstick: the smallest grammY + Hono webhook bot that holds a conversation, a Map of
 * chat -> step and nothing else. Each turn answers the button and sends two or three messages
 * (on average 2.5, as many as Guardline sends on its shipped content), the last with three buttons.
 *
 * Run as a child of the benchmark: BENCH_API_ROOT, BENCH_TOKEN, BENCH_SECRET; it tells its port
 * over IPC.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Bot, webhookCallback } from "grammy";
import { Hono } from "hono";
import { fakeBotInfo } from "../test/support/telegram/fake-bot-api.ts";

const bot = new Bot(process.env.BENCH_TOKEN!, {
  client: { apiRoot: process.env.BENCH_API_ROOT! },
  botInfo: fakeBotInfo,
});
const steps = new Map<number, number>();

bot.on(["message:text", "callback_query:data"], async (ctx) => {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  const chat = ctx.chat!.id;
  const step = ctx.message?.text === "/start" ? 0 : (steps.get(chat) ?? 0) + 1;
  steps.set(chat, step);
  await ctx.reply(`Step ${step}: a few words of guidance.`);
  if (step % 2 === 0) await ctx.reply("And a second paragraph, as some steps have.");
  await ctx.reply(`Question ${step}: what next?`, {
    reply_markup: {
      inline_keyboard: ["a", "b", "c"].map((o) => [{ text: `Option ${o}`, callback_data: `${step}:${o}` }]),
    },
  });
});

const app = new Hono();
app.post("/webhook", webhookCallback(bot, "hono", { secretToken: process.env.BENCH_SECRET! }));
app.get("/healthz", (c) => c.text("ok"));
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
  process.send?.({ type: "listening", port: (server.address() as AddressInfo).port }),
);
process.once("SIGTERM", () => server.close(() => process.exit(0)));
