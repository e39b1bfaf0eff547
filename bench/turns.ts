/**
 * `npm run bench -- turns`: Guardline against a bare grammY + Hono bot, measured from outside in
 * one run. Both answer the same virtual users (webhook mode, a Bot API double on loopback, the
 * secret header), the two bots taking turns run by run; figures are turns/s (the median of the
 * rounds), p50 and p99 per turn, and Guardline as a ratio of the bare bot. Then, for Guardline
 * with its embedded defaults: event-loop delay during its measured runs, start-up to /healthz
 * and /readyz with a warm data directory, idle memory, a burst of new conversations (run
 * before the measured runs) with the memory it leaves, watched until V8 has handed back what it
 * grew, and turn latency with the analytics database down.
 *
 * BENCH_SECONDS (default 8) sets how long each measured run lasts, BENCH_ROUNDS (default 5) how
 * many runs each bot makes at each tap count, BENCH_BURST (default 20,000) the size of the burst.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startChildBot, waitFor200, type ChildBot, type ProbeAnswer } from "./support/child-bot.ts";
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
/** Rounds of measured runs, the two bots alternating (BENCH_ROUNDS). */
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const burstSize = Number(process.env.BENCH_BURST ?? 20_000);
const secret = "bench-webhook-secret_0123456789";
const root = fileURLToPath(new URL("..", import.meta.url));
let nextChat = 1_000_000;

/** Several measured runs of one bot at one tap count, pooled. */
interface Runs extends RunResult {
  /** Turns/s of each run, in order. */
  rates: number[];
}

interface BotFigures {
  name: string;
  runs: Record<number, Runs>;
  /** Bot API calls per turn during the measured runs, by method. */
  callsPerTurn: Record<string, number>;
  /** Calls made in the answers to webhook requests instead (webhook replies), per turn. */
  inReplies: Record<string, number>;
  /** CPU time of the bot's process during its measured runs, per turn. */
  cpuPerTurnMs: number;
  /** Event-loop delay of each measured run. */
  loops: Array<ProbeAnswer["loop"]>;
}

interface Contender {
  name: string;
  bot: ChildBot;
  webhook: Webhook;
}

/**
 * Both bots stay up and take turns: each round runs every tap count once per bot, one bot after
 * the other. A machine shared with other work drifts over a minute or two; alternating puts
 * both bots under the same drift, and the median of the rounds leaves out a disturbed run.
 */
async function measureAlternately(double: BotApiDouble, contenders: Contender[]): Promise<BotFigures[]> {
  // Warm-up (JIT, connections, first sessions), not counted.
  for (const c of contenders)
    await runUsers(double, c.webhook, { users, taps: 3, seconds: 2, firstChatId: (nextChat += 1_000_000) });
  const figures = contenders.map(() => ({
    runs: new Map<number, RunResult[]>(),
    calls: {} as Record<string, number>,
    replies: {} as Record<string, number>,
    cpuMs: 0,
    loops: [] as Array<ProbeAnswer["loop"]>,
  }));
  const add = (
    into: Record<string, number>,
    after: Record<string, number>,
    before: Record<string, number>,
  ) => {
    for (const [method, n] of Object.entries(after))
      into[method] = (into[method] ?? 0) + n - (before[method] ?? 0);
  };
  for (let round = 0; round < rounds; round++)
    for (const taps of tapCounts)
      for (const [i, c] of contenders.entries()) {
        const f = figures[i]!;
        const methods = double.methods();
        const replies = { ...webhookReplies };
        c.bot.resetProbe();
        const result = await runUsers(double, c.webhook, {
          users,
          taps,
          seconds: runSeconds,
          firstChatId: (nextChat += 1_000_000),
        });
        const probe = await c.bot.readProbe(true);
        add(f.calls, double.methods(), methods);
        add(f.replies, webhookReplies, replies);
        f.cpuMs += probe.cpuMs;
        f.loops.push(probe.loop);
        f.runs.set(taps, [...(f.runs.get(taps) ?? []), result]);
      }
  return contenders.map((c, i) => {
    const f = figures[i]!;
    const runs = Object.fromEntries([...f.runs].map(([taps, results]) => [taps, pool(results)])) as Record<
      number,
      Runs
    >;
    const turns = Object.values(runs).reduce((n, r) => n + r.turns, 0);
    const perTurn = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).map(([method, n]) => [method, n / turns]));
    return {
      name: c.name,
      runs,
      callsPerTurn: perTurn(f.calls),
      inReplies: perTurn(f.replies),
      cpuPerTurnMs: f.cpuMs / turns,
      loops: f.loops,
    };
  });
}

function pool(results: RunResult[]): Runs {
  return {
    turns: results.reduce((n, r) => n + r.turns, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
    seconds: results.reduce((n, r) => n + r.seconds, 0),
    durations: results.flatMap((r) => r.durations).sort((a, b) => a - b),
    rates: results.map((r) => r.turns / r.seconds),
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function run(): Promise<void> {
  const double = await startBotApiDouble();
  const dataDir = mkdtempSync(join(tmpdir(), "guardline-bench-turns-"));
  const children: ChildBot[] = [];
  try {
    console.log(
      `Turns benchmark: ${users} virtual users, /start then ${tapCounts.join(" or ")} taps, webhook mode, Bot API double on loopback; ${rounds} rounds of ${runSeconds} s runs, the two bots alternating, turns/s the median of the rounds`,
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
    // The burst comes before the measured runs: they start tens of thousands of conversations,
    // enough to fill the session store (SESSION_MAX_MEMORY), and then the burst's sessions would
    // only take the place of theirs and the memory of a session could not be read. The bare bot
    // gets the same burst, so neither comes to the measured runs without it.
    const bareWebhook = { url: `http://127.0.0.1:${barePort}/webhook`, secret };
    const before = await guardline.readProbe();
    console.log(
      `Burst of ${burstSize.toLocaleString("en")} new conversations into each bot, then the measured runs...\n`,
    );
    const b = await runBurst(double, webhook);
    const settled = await settle(guardline, idle.rss * 1.2);
    const after = await guardline.readProbe();
    const bareBurst = performance.now();
    await (
      await burst(double, bareWebhook, {
        count: burstSize,
        concurrency: 40,
        firstChatId: (nextChat += 100_000),
      })
    ).answered;
    const bareBurstMs = performance.now() - bareBurst;

    const [bareFigures, guardlineFigures] = (await measureAlternately(double, [
      { name: "bare grammY + Hono", bot: bare, webhook: bareWebhook },
      { name: "Guardline (embedded defaults)", bot: guardline, webhook },
    ])) as [BotFigures, BotFigures];
    await bare.stop();
    const databaseDown = await measureDatabaseDown(double, main, env, webhook);

    printTable(bareFigures, guardlineFigures);
    console.log(
      `CPU per turn (process, every thread; less sensitive to other load than the rates): bare ${bareFigures.cpuPerTurnMs.toFixed(2)} ms, Guardline ${guardlineFigures.cpuPerTurnMs.toFixed(2)} ms (x${(guardlineFigures.cpuPerTurnMs / bareFigures.cpuPerTurnMs).toFixed(2)})`,
    );
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    const goal = (ok: boolean) => (ok ? "met" : "NOT met");
    const loop = (f: BotFigures) => {
      const p99s = f.loops.map((l) => l.p99);
      return {
        p50: median(f.loops.map((l) => l.p50)),
        p99: median(p99s),
        worstP99: Math.max(...p99s),
        max: Math.max(...f.loops.map((l) => l.max)),
      };
    };
    const gl = loop(guardlineFigures);
    const bl = loop(bareFigures);
    console.log(
      `\nGuardline event-loop delay during its measured runs (median of ${guardlineFigures.loops.length}): p50 ${gl.p50.toFixed(1)} ms, p99 ${gl.p99.toFixed(1)} ms (worst run ${gl.worstP99.toFixed(1)} ms), max ${gl.max.toFixed(1)} ms [goal p99 < 20 ms: ${goal(gl.p99 < 20)}]; the bare bot's: p50 ${bl.p50.toFixed(1)} ms, p99 ${bl.p99.toFixed(1)} ms (worst run ${bl.worstP99.toFixed(1)} ms), max ${bl.max.toFixed(1)} ms`,
    );
    console.log(
      `Warm start: /healthz after ${ms(healthz)}, /readyz after ${ms(readyz)} [goals < 2 s, < 3 s: ${goal(healthz < 2000)}, ${goal(readyz < 3000)}]`,
    );
    console.log(
      `Idle RSS (embedded defaults, after start): ${mb(idle.rss)} MB [goal <= 350 MB: ${goal(idle.rss <= 350 * 2 ** 20)}]`,
    );
    const perSession = (after.heapUsed - before.heapUsed) / b.answered;
    console.log(
      `\nBurst of ${burstSize.toLocaleString("en")} new conversations (40 webhook connections): ${b.answered.toLocaleString("en")} answered in ${ms(b.ms)} (the bare bot: ${ms(bareBurstMs)}); a new /start during the burst answered in ${ms(b.probeMs)} [goal < 2 s: ${goal(b.probeMs < 2000)}]`,
    );
    const back = settled.backAfterMs;
    console.log(
      `Memory after the burst: RSS ${mb(settled.first)} MB ${ms(settleFirstMs)} after it, ${back === null ? `still ${mb(settled.last)} MB after ${ms(settleMaxMs)}` : `${mb(settled.last)} MB after ${ms(back)}`} (${mb(before.rss)} MB before the burst, idle ${mb(idle.rss)} MB) [goal back within 20 % of idle: ${back === null ? "NOT met" : "met"}]; heap ${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1)} MB more = ${perSession.toFixed(0)} bytes per idle session [goal <= 1 KB: ${goal(perSession <= 1024)}]`,
    );
    console.log(
      `RSS after the burst, every ${settleEveryMs / 1000} s: ${settled.samples.map((r) => mb(r)).join(" ")} MB`,
    );
    console.log(
      `Peak RSS during the burst: ${mb(b.peakRss)} MB; after it, main-thread heap ${mb(after.heapTotal)} MB reserved (${mb(before.heapTotal)} MB before), external ${mb(after.external)} MB (${mb(before.external)} MB before)`,
    );
    const { up, down } = databaseDown;
    const turnsOf = (r: RunResult) =>
      `${Math.round(r.turns / r.seconds)} turns/s, p50 ${ms(percentile(r.durations, 0.5))}, p99 ${ms(percentile(r.durations, 0.99))}`;
    const p50Ratio = percentile(down.durations, 0.5) / percentile(up.durations, 0.5);
    const p99Ratio = percentile(down.durations, 0.99) / percentile(up.durations, 0.99);
    console.log(
      `\nAnalytics database down (DATABASE_URL at a closed port), 5 taps, one run each, back to back: ${turnsOf(down)}; with the embedded database: ${turnsOf(up)}; p50 x${p50Ratio.toFixed(2)}, p99 x${p99Ratio.toFixed(2)} [goal turn latency unchanged, within 1.2x for the noise between two runs: ${goal(p50Ratio <= 1.2 && p99Ratio <= 1.2)}]`,
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

/**
 * Turn latency while the analytics database is down: a second Guardline whose DATABASE_URL points
 * at a port nothing listens on (it answers people and keeps the counts in memory, retrying),
 * against the running embedded one, one run each at 5 taps, back to back.
 */
async function measureDatabaseDown(
  double: BotApiDouble,
  main: string,
  env: Record<string, string>,
  upWebhook: Webhook,
): Promise<{ up: RunResult; down: RunResult }> {
  const dataDir = mkdtempSync(join(tmpdir(), "guardline-bench-down-"));
  const port = await freePort();
  const bot = startChildBot(main, {
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/guardline`,
  });
  try {
    await waitFor200(`http://127.0.0.1:${port}/healthz`, performance.now());
    const downWebhook = { url: `http://127.0.0.1:${port}/webhooks/telegram`, secret };
    // Warmed up as long as the other was before its measured runs began, burst aside.
    await runUsers(double, downWebhook, { users, taps: 3, seconds: 4, firstChatId: (nextChat += 1_000_000) });
    const run = (webhook: Webhook) =>
      runUsers(double, webhook, {
        users,
        taps: 5,
        seconds: runSeconds,
        firstChatId: (nextChat += 1_000_000),
      });
    const up = await run(upWebhook);
    const down = await run(downWebhook);
    return { up, down };
  } finally {
    await bot.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The first RSS reading after a burst: one analytics flush interval later. */
const settleFirstMs = 6_000;
const settleEveryMs = 2_000;
const settleMaxMs = 90_000;

/**
 * Watches RSS after the burst until it is back under `target` (or settleMaxMs has passed). V8
 * hands back the heap it grew to only once allocation has stayed low for a while (its memory
 * reducer), so a single reading right after the burst says when it was taken, not what stays.
 * Peeks only: a forced collection would not shrink the heap, and would change when V8 does.
 */
async function settle(bot: ChildBot, target: number) {
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, settleFirstMs));
  const samples: number[] = [];
  for (;;) {
    const { rss } = await bot.readProbe(true);
    samples.push(rss);
    const elapsed = performance.now() - t0;
    if (rss <= target) return { first: samples[0]!, last: rss, backAfterMs: elapsed, samples };
    if (elapsed >= settleMaxMs) return { first: samples[0]!, last: rss, backAfterMs: null, samples };
    await new Promise((r) => setTimeout(r, settleEveryMs));
  }
}

function printTable(bare: BotFigures, guardline: BotFigures): void {
  const rate = (r: Runs) => median(r.rates);
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
  for (const bot of [bare, guardline])
    console.log(
      `${bot.name}, turns/s of each round: ${tapCounts.map((t) => `${t} taps ${bot.runs[t]!.rates.map((r) => Math.round(r)).join(" / ")}`).join("; ")}`,
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
