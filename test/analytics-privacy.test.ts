/**
 * PRIVACY: conversations with distinctive chat ids, names, phone numbers and typed text go through
 * the real turn pipeline; afterwards no row of any table, no log line and no database file holds
 * any of those values or their common hashes.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalytics } from "../src/analytics/create-analytics.ts";
import { openDatabase } from "../src/analytics/database.ts";
import { captureLogger } from "./support/test-logger.ts";
import { analyticsConfig, miniConversation, testDatabases, untilReady } from "./support/analytics.ts";

const people = [
  {
    chatId: "7731990042",
    name: "Wilhelmina Zonneveld",
    phone: "+31 6 4242 1717",
    digits: "31642421717",
    words: "my neighbour Jorrit Blankenspoor hurts his son",
  },
  {
    chatId: "chat-Qx81-Liesbeth",
    name: "Liesbeth Vermeulen-Akkerman",
    phone: "0031612398745",
    digits: "0031612398745",
    words: "Hoogstraat 77 Utrecht, please call back",
  },
  {
    chatId: "whatsapp:447700900123@c.us",
    name: "Oluwaseun Abernathy",
    phone: "+44 7700 900123",
    digits: "447700900123",
    words: "zwq unusual phrase kestrelmoon",
  },
];
/** The value itself, its parts, and the hashes someone might think are anonymous. */
function forbidden(sessionKeys: readonly string[]): string[] {
  const values = people.flatMap((p) => [
    p.chatId,
    p.name,
    ...p.name.split(/[ -]/),
    p.phone,
    p.digits,
    p.phone.replaceAll(" ", ""),
    p.words,
    ...p.words.split(/[ ,]+/).filter((w) => w.length >= 7),
  ]);
  const hashes = values.flatMap((v) =>
    ["md5", "sha1", "sha256"].flatMap((alg) => [
      createHash(alg).update(v).digest("hex"),
      createHash(alg).update(v).digest("base64"),
    ]),
  );
  return [...values, ...hashes, ...sessionKeys];
}

const json = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

describe.each(testDatabases())("privacy: the database holds counts, never people ($name)", (database) => {
  const config = analyticsConfig({ ANALYTICS_MIN_COUNT: 1 });
  const log = captureLogger();
  const tables: Record<string, unknown[]> = {};
  const sessionKeys: string[] = [];
  let cleanup = async () => {};

  beforeAll(async () => {
    const target = await database.setup();
    cleanup = target.cleanup;
    config.DATABASE_URL = target.databaseUrl;
    const analytics = await createAnalytics({ config, logger: log.logger, campaigns: ["spring"] });
    await untilReady(analytics);
    const { conversation, keyer } = miniConversation(analytics.sink, log.logger);
    for (const person of people) {
      for (const channel of ["telegram", "whatsapp_web"]) {
        sessionKeys.push(keyer(channel, person.chatId));
        const turn = (input: Parameters<typeof conversation.handle>[0]["input"]) =>
          conversation.handle({ channel, chatId: person.chatId, input, languageHint: "en" });
        // Deep links anyone can craft: the campaign slot carries a phone number or a name.
        await turn({ type: "start", payload: { campaign: person.digits } });
        await turn({ type: "text", text: `Hi, I am ${person.name}, my number is ${person.phone}` });
        await turn({ type: "text", text: person.words });
        await turn({ type: "unsupported", kind: `voice from ${person.name}` });
        await turn({ type: "choice", node: "pick_country", option: "nl" });
        await turn({ type: "text", text: `${person.phone} ${person.words}` });
        await turn({ type: "start", payload: { campaign: person.name.split(" ")[0]! } });
        await turn({ type: "choice", node: "pick_country", option: "other" });
        await turn({ type: "choice", node: "pick", option: "bye" });
      }
    }
    await analytics.close(); // flushes the buffer
    const db = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      migrate: false,
    });
    try {
      const names = await db.prisma.$queryRawUnsafe<Array<{ schemaname: string; tablename: string }>>(
        "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
      );
      for (const t of names)
        tables[`${t.schemaname}.${t.tablename}`] = await db.prisma.$queryRawUnsafe(
          `SELECT * FROM "${t.schemaname}"."${t.tablename}"`,
        );
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await cleanup();
    rmSync(config.DATA_DIR, { recursive: true, force: true });
  });

  it("the conversations were really counted (the dump is not empty)", () => {
    expect(Object.keys(tables).sort()).toEqual([
      "public._prisma_migrations",
      "public.analytics_counter",
      "public.campaign",
      "public.staff_account",
      "public.staff_audit",
    ]);
    expect(tables["public.analytics_counter"]!.length).toBeGreaterThan(10);
    // Staff accounts, their audit log and created campaigns: nothing a conversation writes.
    for (const staff of ["public.campaign", "public.staff_account", "public.staff_audit"])
      expect(tables[staff], staff).toEqual([]);
    expect(json(tables)).toContain("not_understood");
    expect(json(tables)).toContain("unsupported_input");
    expect(log.lines.length).toBeGreaterThan(0);
  });

  it("no row of any table holds a personal value or a hash of one", () => {
    const dump = json(tables).toLowerCase();
    for (const value of forbidden(sessionKeys))
      expect(dump, `database contains ${value}`).not.toContain(value.toLowerCase());
  });

  it("no log line holds a personal value or a hash of one", () => {
    const text = log.text().toLowerCase();
    for (const value of forbidden(sessionKeys))
      expect(text, `log contains ${value}`).not.toContain(value.toLowerCase());
  });

  it.skipIf(database.name !== "PGlite")(
    "no file of the embedded database holds a typed value (WAL and tables included)",
    () => {
      const files = (dir: string): string[] =>
        readdirSync(dir).flatMap((f) =>
          statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)],
        );
      const needles = people.flatMap((p) => [p.name, p.digits, p.words, p.chatId]).map((v) => Buffer.from(v));
      for (const file of files(config.DATA_DIR)) {
        const bytes = readFileSync(file);
        for (const needle of needles)
          expect(bytes.includes(needle), `${file} contains ${needle.toString()}`).toBe(false);
      }
    },
  );
});
