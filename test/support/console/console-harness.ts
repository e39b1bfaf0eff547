/**
 * The console over real parts for tests: a memory staff store, the real counters in an embedded
 * database (PGlite), the shipped console texts, and helpers to sign in and send forms the way a
 * browser does (Origin header, the session cookie).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import type { Logger } from "pino";
import { blankFields, type Cell } from "../../../src/analytics/counter-cell.ts";
import { createCounterStore, type CounterStore } from "../../../src/analytics/counter-store.ts";
import { openDatabase, type Database } from "../../../src/analytics/database.ts";
import type { ChannelStatus } from "../../../src/channels/channel.ts";
import type { PairingStatus } from "../../../src/channels/whatsapp-web/whatsapp-web-channel.ts";
import { hashPassword } from "../../../src/staff/password.ts";
import { createMemoryStaffStore, type StaffStore } from "../../../src/staff/staff-store.ts";
import type { StaffRole } from "../../../src/console/console-env.ts";
import type { ConsoleDeps } from "../../../src/console/console-deps.ts";
import { consolePath, createConsole } from "../../../src/console/create-console.tsx";
import { loadConsoleTranslator } from "../../../src/console/i18n/console-translator.ts";

export const origin = "http://localhost";
export const adminToken = "admin-token-0123456789";
export const testPassword = "correct horse battery staple";
/** Tests hash with a cheap scrypt cost; the service uses defaultCost. */
export const cheapCost = { N: 1024, r: 8, p: 1 };
export const localesDir = new URL("../../../locales", import.meta.url).pathname;

export interface Harness {
  app: Hono;
  staff: StaffStore;
  counters: CounterStore;
  deps: ConsoleDeps;
  close(): Promise<void>;
}

/** Opens one embedded database for a test file (seconds); share it across the file's tests. */
export async function openCounters(): Promise<{
  counters: CounterStore;
  db: Database;
  close(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), "guardline-console-"));
  const db = await openDatabase({ dataDir });
  return {
    db,
    counters: createCounterStore(db.prisma),
    async close() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function buildConsole(
  counters: CounterStore,
  logger: Logger,
  overrides: Partial<ConsoleDeps> & { pairingStatus?: PairingStatus } = {},
): { app: Hono; staff: StaffStore; deps: ConsoleDeps } {
  const staff = overrides.staff ?? createMemoryStaffStore();
  const created: string[] = [];
  const deps: ConsoleDeps = {
    staff,
    translator: loadConsoleTranslator(localesDir),
    sessionSecret: "s".repeat(40),
    adminToken,
    logger,
    analytics: { store: counters, minCount: 5, content: {} },
    campaigns: { listed: () => ["demo"], created: (name) => created.push(name) },
    links: { telegramBot: () => "guardline_test_bot", whatsappNumber: "+31 6 0000 0000" },
    texts: {
      languages: () => [
        { code: "en", name: "English" },
        { code: "es", name: "Español" },
      ],
      greeting: (lng) => (lng === "es" ? "Hola" : "Hello"),
      title: () => "Guardline",
      poster: (lng, link) => `Tips for parents. Start here: ${link}`,
    },
    channels: (): ChannelStatus[] => [
      { name: "telegram", state: "running" },
      { name: "whatsapp_web", state: "starting", detail: "waiting for the pairing scan" },
    ],
    telegramDelivery: "long polling",
    ...(overrides.pairingStatus ? { pairing: () => overrides.pairingStatus! } : {}),
    clientKey: (c) => c.req.header("x-test-client") ?? "client-1",
    passwordCost: cheapCost,
    ...overrides,
  };
  const app = new Hono();
  app.route(consolePath, createConsole(deps));
  return { app, staff, deps };
}

export async function addAccount(staff: StaffStore, name: string, role: StaffRole, password = testPassword) {
  await staff.create({ name, role, passwordHash: await hashPassword(password, cheapCost) });
}

/** A form POST as a browser sends it from the console's own pages. */
export function form(
  path: string,
  fields: Record<string, string>,
  cookie?: string,
  extra: Record<string, string> = {},
) {
  return new Request(`${origin}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin,
      ...(cookie ? { cookie } : {}),
      ...extra,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

export const get = (path: string, cookie?: string) =>
  new Request(`${origin}${path}`, { headers: cookie ? { cookie } : {} });

/** Signs in and returns the Cookie header for later requests. */
export async function signIn(app: Hono, name: string, password = testPassword): Promise<string> {
  const res = await app.request(form("/console/sign-in", { name, password }));
  if (res.status !== 303) throw new Error(`sign-in as ${name} answered ${res.status}: ${await res.text()}`);
  return cookieOf(res);
}

export function cookieOf(res: Response): string {
  const set = res.headers.get("set-cookie") ?? "";
  return set.split(";")[0]!;
}

/** A counter row for seeding reports. */
export function cell(kind: string, count: number, fields: Partial<Cell> = {}): Cell {
  const where = { channel: "telegram", locale: "en", country: "NL" };
  return { ...blankFields, ...where, bucket: new Date("2026-11-20T10:00:00Z"), kind, count, ...fields };
}
