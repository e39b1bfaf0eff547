/**
 * `npm run bench -- turns`: Guardline against a bare grammY + Hono bot, measured from outside in
 * one run. Both answer the same virtual users (webhook mode, a Bot API double on loopback, the
 * secret header), one bot after the other; figures are turns/s, p50 and p99 per turn, and Guardline
 * as a ratio of the bare bot measured minutes before on the same machine. Then, for Guardline with
 * its embedded defaults: event-loop delay during the measured runs, start-up to /healthz and
 * /readyz with a warm data directory, idle memory, and a burst of new conversations.
 *
 * BENCH_SECONDS (default 8) sets how long each measured run lasts, BENCH_BURST (default 20,000)
 * the size of the burst.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startChildBot, waitFor200, type ChildBot } from "./support/child-bot.ts";
import {
  burst,
  percentile,
  runUsers,
  startBotApiDouble,
  startUpdate,
  turn,
  webhookReplies,
  type BotApiDouble,
  type RunResult,
  type Webhook,
} from "./support/virtual-users.ts";

const users = 50;
const tapCounts = [5, 30] as const;
/** How long each measured run keeps its users busy (BENCH_SECONDS). */
const runSeconds = Number(process.env.BENCH_SECONDS ?? 8);
const burstSize = Number(process.env.BENCH_BURST ?? 20_000);
const secret = "bench-webhook-secret_0123456789";
const root = fileURLToPath(new URL("..", import.meta.url));
let nextChat = 1_000_000;

interface BotFigures {
  name: string;
  runs: Record<number, RunResult>;
  /** Bot API calls per turn during the measured runs, by method. */
  callsPerTurn: Record<string, number>;
  /** Calls made in the answers to webhook requests instead (webhook replies), per turn. */
  inReplies: Record<string, number>;
}

async function measure(
  double: BotApiDouble,
  webhook: Webhook,
  name: string,
  bot: ChildBot,
): Promise<BotFigures> {
  // Warm-up (JIT, connections, first sessions), not counted.
  await runUsers(double, webhook, { users, taps: 3, firstChatId: (nextChat += 10_000) });
  bot.resetProbe();
  const runs: Record<number, RunResult> = {};
  const before = double.methods();
  const repliesBefore = { ...webhookReplies };
  for (const taps of tapCounts)
    runs[taps] = await runUsers(double, webhook, {
      users,
      taps,
      seconds: runSeconds,
      firstChatId: (nextChat += 1_000_000),
    });
  const after = double.methods();
  const turns = Object.values(runs).reduce((n, r) => n + r.durations.length, 0);
  const callsPerTurn = Object.fromEntries(
    Object.entries(after).map(([method, n]) => [method, (n - (before[method] ?? 0)) / turns]),
  );
  const inReplies = Object.fromEntries(
    Object.entries(webhookReplies).map(([method, n]) => [method, (n - (repliesBefore[method] ?? 0)) / turns]),
  );
  return { name, runs, callsPerTurn, inReplies };
}

export async function run(): Promise<void> {
  const double = await startBotApiDouble();
  const dataDir = mkdtempSync(join(tmpdir(), "guardline-bench-turns-"));
  const children: ChildBot[] = [];
  try {
    console.log(
      `Turns benchmark: ${users} virtual users for ${runSeconds} s per run, /start then ${tapCounts.join(" or ")} taps, webhook mode, Bot API double on loopback`,
    );
    console.log(
      `Machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}\n`,
    );

    const bare = startChildBot(join(root, "bench/bare-bot.ts"), {
      BENCH_API_ROOT: double.api.apiRoot,
      BENCH_TOKEN: double.api.token,
      BENCH_SECRET: secret,
    });
    children.push(bare);
    const { port: barePort } = await bare.message<{ port: number }>("listening");
    const bareFigures = await measure(
      double,
      { url: `http://127.0.0.1:${barePort}/webhook`, secret },
      "bare grammY + Hono",
      bare,
    );
    const bareProbe = await bare.readProbe();
    const bareLoop = bareProbe.loop;
    await bare.stop();

    // First start creates and migrates the data directory; the measured start is the second.
    const port = await freePort();
    const env = {
      PORT: String(port),
      DATA_DIR: dataDir,
      CONTENT_DIR: root,
      TELEGRAM_BOT_TOKEN: double.api.token,
      TELEGRAM_API_ROOT: double.api.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: secret,
      PUBLIC_URL: "https://guardline.bench.invalid",
    };
    // As `npm start` runs it: the bundle, built by the first (cold) start if a source changed.
    const main = join(root, "scripts/start.mjs");
    const cold = startChildBot(main, env);
    children.push(cold);
    await waitFor200(`http://127.0.0.1:${port}/readyz`, performance.now(), 600_000);
    await cold.stop();

    const startedAt = performance.now();
    const guardline = startChildBot(main, env);
    children.push(guardline);
    const healthz = await waitFor200(`http://127.0.0.1:${port}/healthz`, startedAt);
    const readyz = await waitFor200(`http://127.0.0.1:${port}/readyz`, startedAt);
    await new Promise((r) => setTimeout(r, 2000));
    const idle = await guardline.readProbe();

    const webhook = { url: `http://127.0.0.1:${port}/webhooks/telegram`, secret };
    await runUsers(double, webhook, { users, taps: 3, firstChatId: (nextChat += 10_000) });
    const guardlineFigures = await measure(double, webhook, "Guardline (embedded defaults)", guardline);
    const during = await guardline.readProbe();

    printTable(bareFigures, guardlineFigures);
    const perTurn = (cpuMs: number, figures: BotFigures) =>
      cpuMs / Object.values(figures.runs).reduce((n, r) => n + r.durations.length, 0);
    const bareCpu = perTurn(bareProbe.cpuMs, bareFigures);
    const guardlineCpu = perTurn(during.cpuMs, guardlineFigures);
    console.log(
      `CPU per turn (process, every thread; less sensitive to other load than the rates): bare ${bareCpu.toFixed(2)} ms, Guardline ${guardlineCpu.toFixed(2)} ms (x${(guardlineCpu / bareCpu).toFixed(2)})`,
    );
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    const goal = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log(
      `\nGuardline event-loop delay during the measured runs: p50 ${during.loop.p50.toFixed(1)} ms, p99 ${during.loop.p99.toFixed(1)} ms, max ${during.loop.max.toFixed(1)} ms [goal p99 < 20 ms: ${goal(during.loop.p99 < 20)}]; the bare bot's in its runs: p50 ${bareLoop.p50.toFixed(1)} ms, p99 ${bareLoop.p99.toFixed(1)} ms, max ${bareLoop.max.toFixed(1)} ms`,
    );
    console.log(
      `Warm start: /healthz after ${ms(healthz)}, /readyz after ${ms(readyz)} [goals < 2 s, < 3 s: ${goal(healthz < 2000)}, ${goal(readyz < 3000)}]`,
    );
    console.log(
      `Idle RSS (embedded defaults, after start): ${mb(idle.rss)} MB [goal <= 350 MB: ${goal(idle.rss <= 350 * 2 ** 20)}]`,
    );
    const before = await guardline.readProbe();
    console.log(`\nBurst of ${burstSize.toLocaleString("en")} new conversations...`);
    const b = await runBurst(double, webhook);
    await new Promise((r) => setTimeout(r, 6000)); // one analytics flush interval
    const after = await guardline.readProbe();

    const perSession = (after.heapUsed - before.heapUsed) / b.answered;
    console.log(
      `Burst of ${burstSize.toLocaleString("en")} new conversations (40 webhook connections): ${b.answered.toLocaleString("en")} answered in ${ms(b.ms)}; a new /start during the burst answered in ${ms(b.probeMs)} [goal < 2 s: ${goal(b.probeMs < 2000)}]`,
    );
    console.log(
      `Memory after the burst: RSS ${mb(after.rss)} MB (${mb(before.rss)} MB before, idle ${mb(idle.rss)} MB) [goal within 20 % of idle: ${goal(after.rss <= idle.rss * 1.2)}]; heap ${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1)} MB more = ${perSession.toFixed(0)} bytes per idle session [goal <= 1 KB: ${goal(perSession <= 1024)}]`,
    );
    console.log(
      `Peak RSS during the burst: ${mb(b.peakRss)} MB; after it, main-thread heap ${mb(after.heapTotal)} MB reserved (${mb(before.heapTotal)} MB before), external ${mb(after.external)} MB (${mb(before.external)} MB before)`,
    );
  } finally {
    for (const child of children) await child.stop();
    await double.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  async function runBurst(double: BotApiDouble, webhook: Webhook) {
    const t0 = performance.now();
    const firstChatId = (nextChat += 100_000);
    const posting = burst(double, webhook, { count: burstSize, concurrency: 40, firstChatId });
    let peakRss = 0;
    // One question at a time: a bot busy with the burst may take longer than the interval to answer.
    let asking = false;
    const sampler = setInterval(() => {
      if (asking) return;
      asking = true;
      void guardlineRss()
        .then((r) => (peakRss = Math.max(peakRss, r)))
        .finally(() => (asking = false));
    }, 500);
    await new Promise((r) => setTimeout(r, 1000));
    const probeChat = (nextChat += 10);
    const probe = await turn(double, webhook, probeChat, startUpdate(probeChat));
    const answered = await (await posting).answered;
    clearInterval(sampler);
    return { answered, ms: performance.now() - t0, probeMs: probe.ms, peakRss };
  }

  function guardlineRss(): Promise<number> {
    const child = children.at(-1)!;
    return child.readProbe(true).then((p) => p.rss);
  }
}

function printTable(bare: BotFigures, guardline: BotFigures): void {
  const rate = (r: RunResult) => r.turns / r.seconds;
  const row = (cells: string[]) =>
    console.log(cells.map((c, i) => (i ? c.padStart(32) : c.padEnd(30))).join(""));
  row(["", ...tapCounts.map((t) => `${t} taps: turns/s, p50, p99`)]);
  for (const bot of [bare, guardline])
    row([
      bot.name,
      ...tapCounts.map((t) => {
        const r = bot.runs[t]!;
        const failed = r.failed ? ` (${r.failed} users failed)` : "";
        return `${Math.round(rate(r))}, ${ms(percentile(r.durations, 0.5))}, ${ms(percentile(r.durations, 0.99))}${failed}`;
      }),
    ]);
  row([
    "Guardline / bare",
    ...tapCounts.map((t) => {
      const g = guardline.runs[t]!;
      const b = bare.runs[t]!;
      return `${pct(rate(g) / rate(b))}, p99 x${(percentile(g.durations, 0.99) / percentile(b.durations, 0.99)).toFixed(2)}`;
    }),
  ]);
  const met = tapCounts.every((t) => {
    const g = guardline.runs[t]!;
    const b = bare.runs[t]!;
    return rate(g) >= 0.85 * rate(b) && percentile(g.durations, 0.99) <= 1.5 * percentile(b.durations, 0.99);
  });
  console.log(
    `[goal >= 85 % of the bare bot's turns/s and p99 <= 1.5x, at 5 and at 30 taps: ${met ? "met" : "NOT met"}]`,
  );
  const calls = (bot: BotFigures) =>
    [
      ...Object.entries(bot.callsPerTurn)
        .filter(([, n]) => n > 0.005)
        .map(([m, n]) => `${m} ${n.toFixed(2)}`),
      ...Object.entries(bot.inReplies)
        .filter(([, n]) => n > 0.005)
        .map(([m, n]) => `${m} ${n.toFixed(2)} in webhook replies`),
    ].join(", ");
  console.log(`Bot API calls per turn: bare ${calls(bare)}; Guardline ${calls(guardline)}`);
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const pct = (ratio: number) => `${Math.round(ratio * 100)} %`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
