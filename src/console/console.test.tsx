/**
 * Every console route through app.request(): sign-in and its throttle, the cookie's flags, CSRF,
 * roles (a viewer gets 403 on admin pages and actions), the pages' figures with suppression,
 * campaigns and their links, the audit log. Counters live in a real embedded database.
 */
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CounterStore } from "../analytics/counter-store.ts";
import { decodeQrPng } from "../../test/support/decode-qr.ts";
import { captureLogger } from "../../test/support/test-logger.ts";
import { createMemoryStaffStore } from "../staff/staff-store.ts";
import type { ConsoleEnv } from "./console-env.ts";
import {
  addAccount,
  adminToken,
  buildConsole,
  cell,
  cookieOf,
  form,
  get,
  openCounters,
  signIn,
  testPassword,
} from "../../test/support/console/console-harness.ts";

let counters: CounterStore;
let closeCounters: () => Promise<void>;
beforeAll(async () => {
  const opened = await openCounters();
  counters = opened.counters;
  closeCounters = opened.close;
  await counters.increment([
    cell("conversation_started", 40, { campaign: "demo" }),
    cell("conversation_completed", 25, { campaign: "demo" }),
    cell("conversation_started", 12, { bucket: new Date("2026-11-21T09:00:00Z") }),
    cell("conversation_completed", 3, { bucket: new Date("2026-11-21T09:00:00Z") }),
    cell("safeguarding_interrupt", 2),
    cell("referral_shown", 9, { detail: "helpline", directory: "NL" }),
  ]);
});
afterAll(() => closeCounters());

const period = "from=2026-11-15&to=2026-11-25";

async function withAccounts() {
  const log = captureLogger();
  const built = buildConsole(counters, log.logger, { now: () => new Date("2026-11-25T12:00:00Z") });
  await addAccount(built.staff, "amira", "admin");
  await addAccount(built.staff, "bo", "viewer");
  return { ...built, log };
}

describe("signed out", () => {
  it("every page redirects to the sign-in page; the stylesheet is public", async () => {
    const { app } = await withAccounts();
    for (const path of [
      "/console",
      "/console/campaigns",
      "/console/channels",
      "/console/accounts",
      "/console/audit",
      "/console/flows",
    ]) {
      const res = await app.request(get(path));
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location")).toBe("/console/sign-in");
    }
    const css = await app.request(get("/console/assets/console.css"));
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/text\/css/);
  });

  it("a form POST without a session also goes to sign-in and changes nothing", async () => {
    const { app, staff } = await withAccounts();
    const res = await app.request(
      form("/console/accounts", { name: "eve", role: "admin", password: "x".repeat(14) }),
    );
    expect(res.status).toBe(303);
    expect(await staff.find("eve")).toBeNull();
  });
});

describe("sign-in", () => {
  it("sets an httpOnly, SameSite=Strict, expiring cookie, not Secure over http", async () => {
    const { app } = await withAccounts();
    const res = await app.request(form("/console/sign-in", { name: "amira", password: testPassword }));
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^guardline_console=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await app.request(get("/console", cookieOf(res)))).status).toBe(200);
  });

  it("the cookie is Secure when PUBLIC_URL is https, and forms from that origin pass the CSRF check", async () => {
    const log = captureLogger();
    const built = buildConsole(counters, log.logger, { publicUrl: "https://guardline.example.org/" });
    await addAccount(built.staff, "amira", "admin");
    const res = await built.app.request(
      form("/console/sign-in", { name: "amira", password: testPassword }, undefined, {
        origin: "https://guardline.example.org",
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("a wrong password and an unknown name get the same answer; nothing of the attempt is logged", async () => {
    const { app, log } = await withAccounts();
    const wrong = await app.request(form("/console/sign-in", { name: "amira", password: "not it at all" }));
    const unknown = await app.request(
      form("/console/sign-in", { name: "nobody", password: "not it at all" }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const text = (await wrong.text()).replace(/value="amira"/, "");
    expect(text).toBe((await unknown.text()).replace(/value="nobody"/, ""));
    expect(text).toContain("do not match an account");
    expect(log.text()).not.toMatch(/amira|nobody|not it at all/);
  });

  it("locks an account out after 5 failures (even with the right password), per account", async () => {
    const { app } = await withAccounts();
    for (let i = 0; i < 5; i++)
      expect(
        (
          await app.request(
            form("/console/sign-in", { name: "amira", password: `guess ${i}` }, undefined, {
              "x-test-client": `c${i}`,
            }),
          )
        ).status,
      ).toBe(401);
    const locked = await app.request(
      form("/console/sign-in", { name: "amira", password: testPassword }, undefined, {
        "x-test-client": "c9",
      }),
    );
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/Too many failed sign-ins\. Sign-in is locked for about 15 minute/);
    // Another account from the same clients is not locked.
    expect(
      (
        await app.request(
          form("/console/sign-in", { name: "bo", password: testPassword }, undefined, {
            "x-test-client": "c9",
          }),
        )
      ).status,
    ).toBe(303);
  });

  it("locks a client out after 20 failures across names", async () => {
    const { app } = await withAccounts();
    for (let i = 0; i < 20; i++)
      await app.request(
        form("/console/sign-in", { name: `name${i}`, password: "guess" }, undefined, {
          "x-test-client": "guesser",
        }),
      );
    const res = await app.request(
      form("/console/sign-in", { name: "bo", password: testPassword }, undefined, {
        "x-test-client": "guesser",
      }),
    );
    expect(res.status).toBe(429);
    expect(
      (
        await app.request(
          form("/console/sign-in", { name: "bo", password: testPassword }, undefined, {
            "x-test-client": "other",
          }),
        )
      ).status,
    ).toBe(303);
  });

  it("ADMIN_TOKEN signs in only while no account exists, and that session ends with the first account", async () => {
    const log = captureLogger();
    const { app, staff } = buildConsole(counters, log.logger, { staff: createMemoryStaffStore() });
    expect(await (await app.request(get("/console/sign-in"))).text()).toMatch(/No staff account exists yet/);
    const cookie = await signIn(app, "ADMIN_TOKEN", adminToken);
    const created = await app.request(
      form("/console/accounts", { name: "amira", role: "admin", password: "" }, cookie),
    );
    expect(created.status).toBe(200);
    const page = await created.text();
    expect(page).toMatch(/Created amira \(admin\)/);
    const password = /<span class="secret">([^<]+)<\/span>/.exec(page)![1]!;
    expect((await app.request(get("/console", cookie))).status).toBe(303);
    expect(
      (await app.request(form("/console/sign-in", { name: "ADMIN_TOKEN", password: adminToken }))).status,
    ).toBe(401);
    expect((await app.request(get("/console", await signIn(app, "amira", password)))).status).toBe(200);
    expect((await staff.auditLog(5)).map((e) => [e.actor, e.action, e.subject])).toEqual([
      ["ADMIN_TOKEN", "account_created", "amira"],
      ["ADMIN_TOKEN", "signed_in_with_token", ""],
    ]);
  });

  it("a reset password or a removed account ends its sessions; a tampered cookie is refused", async () => {
    const { app } = await withAccounts();
    const admin = await signIn(app, "amira");
    const viewer = await signIn(app, "bo");
    expect(
      (await app.request(form("/console/accounts/bo/reset", { password: "a new long password" }, admin)))
        .status,
    ).toBe(200);
    expect((await app.request(get("/console", viewer))).status).toBe(303);
    const again = await signIn(app, "bo", "a new long password");
    expect((await app.request(form("/console/accounts/bo/remove", {}, admin))).status).toBe(200);
    expect((await app.request(get("/console", again))).status).toBe(303);
    const forged = admin.replace(/=amira/, "=bo");
    expect((await app.request(get("/console", forged))).status).toBe(303);
  });

  it("sign-out ends the session", async () => {
    const { app } = await withAccounts();
    const cookie = await signIn(app, "amira");
    const res = await app.request(form("/console/sign-out", {}, cookie));
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/guardline_console=;.*Max-Age=0/);
  });
});

describe("CSRF and headers", () => {
  it("refuses a form from another origin, and one without Origin or Sec-Fetch-Site", async () => {
    const { app, staff } = await withAccounts();
    const cookie = await signIn(app, "amira");
    const fields = { name: "mallory", role: "admin", password: "x".repeat(14) };
    const cross = await app.request(
      form("/console/accounts", fields, cookie, { origin: "https://evil.example" }),
    );
    expect(cross.status).toBe(403);
    const bare = new Request("http://localhost/console/accounts", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams(fields).toString(),
    });
    expect((await app.request(bare)).status).toBe(403);
    const site = await app.request(
      form("/console/sign-in", { name: "amira", password: testPassword }, undefined, {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      }),
    );
    expect(site.status).toBe(403);
    expect(await staff.find("mallory")).toBeNull();
  });

  it("every console page carries a CSP without unsafe-inline and the other secure headers", async () => {
    const { app } = await withAccounts();
    const cookie = await signIn(app, "amira");
    for (const path of [
      "/console/sign-in",
      "/console",
      "/console/campaigns",
      "/console/campaigns/demo",
      "/console/campaigns/demo/poster",
      "/console/channels",
      "/console/accounts",
      "/console/audit",
    ]) {
      const res = await app.request(get(path, cookie));
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const html = await res.text();
      expect(html, path).not.toMatch(/ style=|<style|<script>|<script [^>]*>[^<]/);
    }
  });
});

describe("roles", () => {
  it("a viewer sees the overview and campaigns, and gets 403 on admin pages and actions (pairing included)", async () => {
    const { app, staff } = await withAccounts();
    const viewer = await signIn(app, "bo");
    expect((await app.request(get("/console", viewer))).status).toBe(200);
    expect((await app.request(get("/console/campaigns/demo", viewer))).status).toBe(200);
    for (const path of [
      "/console/accounts",
      "/console/audit",
      "/console/channels",
      "/console/channels/pairing",
      "/console/channels/pairing.json",
    ]) {
      const res = await app.request(get(path, viewer));
      expect(res.status, path).toBe(403);
      if (!path.endsWith(".json")) expect(await res.text()).toMatch(/This page or action is for admins/);
    }
    for (const [path, fields] of [
      ["/console/accounts", { name: "eve", role: "admin", password: "x".repeat(14) }],
      ["/console/accounts/amira/reset", {}],
      ["/console/accounts/amira/remove", {}],
      ["/console/campaigns", { name: "viewer_campaign" }],
    ] as const)
      expect((await app.request(form(path, fields, viewer))).status, path).toBe(403);
    expect(await staff.find("eve")).toBeNull();
    expect((await staff.campaigns()).length).toBe(0);
    const nav = await (await app.request(get("/console", viewer))).text();
    expect(nav).toContain('href="/console/flows"');
    expect(nav).toContain('href="/console/simulator"');
    expect(nav).toContain('href="/console/health"');
    expect(nav).not.toContain('href="/console/accounts"');
  });

  it("mounts pages of other modules with their role", async () => {
    const page = new Hono<ConsoleEnv>();
    page.get("/", (c) => c.render(<p>map of {c.var.staff.name}</p>, { title: c.var.t("nav.flows") }));
    const secret = new Hono<ConsoleEnv>();
    secret.get("/", (c) => c.text("admin page"));
    const log = captureLogger();
    const built = buildConsole(counters, log.logger, {
      pages: [
        { path: "/flows", app: page, role: "viewer" },
        { path: "/secret", app: secret, role: "admin" },
      ],
    });
    await addAccount(built.staff, "bo", "viewer");
    const viewer = await signIn(built.app, "bo");
    const res = await built.app.request(get("/console/flows", viewer));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<h1>Flow map<\/h1>/);
    expect(html).toContain("map of bo");
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    expect((await built.app.request(get("/console/secret", viewer))).status).toBe(403);
  });
});

describe("overview", () => {
  it("shows the admin API's figures, suppressed ones as 'fewer than 5', never the number", async () => {
    const { app } = await withAccounts();
    const res = await app.request(get(`/console?${period}`, await signIn(app, "bo")));
    const html = await res.text();
    expect(html).toMatch(/Conversations started<\/div><div class="value">52</);
    expect(html).toMatch(/Safeguarding interrupts<\/div><div class="value">fewer than 5</);
    // The 21st: 3 completed is below 5, so it is hidden, and so is another day's (complementary).
    expect(html).toMatch(
      /<th scope="row">2026-11-21<\/th><td class="num">12<\/td><td class="num">fewer than 5<\/td>/,
    );
    expect(html).not.toMatch(/<td class="num">[0-4]<\/td>/);
    expect(html).toMatch(/<svg role="img" aria-label="Conversations started and completed per day"/);
    expect(html).toMatch(/Previous period \(2026-11-04 to 2026-11-14\)/);
    expect(html).toMatch(/helpline<\/th><td class="num">NL<\/td><td class="num">9</);
  });

  it("filters by campaign, explains bad filters, and downloads the same CSV as the API", async () => {
    const { app } = await withAccounts();
    const cookie = await signIn(app, "bo");
    const demo = await (await app.request(get(`/console?${period}&campaign=demo`, cookie))).text();
    expect(demo).toMatch(/Conversations started<\/div><div class="value">40</);
    const bad = await app.request(get("/console?from=2026-02-30", cookie));
    expect(await bad.text()).toMatch(/These filters cannot be used: from is not a date in the calendar/);
    const csv = await app.request(get(`/console/export.csv?${period}`, cookie));
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const body = await csv.text();
    expect(body).toMatch(/conversations_started/);
    expect(body).not.toMatch(/,3\r?\n|,2\r?\n/);
  });
});

describe("campaigns", () => {
  it("an admin creates a campaign: it is counted by name, audited, and gets links and QR codes", async () => {
    const { app, staff, deps } = await withAccounts();
    const cookie = await signIn(app, "amira");
    const res = await app.request(form("/console/campaigns", { name: "school_visits" }, cookie));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console/campaigns/school_visits");
    expect((await staff.campaigns()).map((c) => c.name)).toEqual(["school_visits"]);
    expect(deps.campaigns.created).toBeDefined();
    expect((await staff.auditLog(1))[0]).toMatchObject({
      actor: "amira",
      action: "campaign_created",
      subject: "school_visits",
    });

    const page = await (
      await app.request(get("/console/campaigns/school_visits?lang=es&country=CO", cookie))
    ).text();
    expect(page).toContain("https://t.me/guardline_test_bot?start=school_visits-es-CO");
    expect(page).toContain("https://wa.me/31600000000?text=Hola%20%5Bschool_visits-es-CO%5D");

    const png = await app.request(
      get("/console/campaigns/school_visits/qr.png?to=telegram&lang=es&country=CO", cookie),
    );
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(decodeQrPng(new Uint8Array(await png.arrayBuffer()))).toBe(
      "https://t.me/guardline_test_bot?start=school_visits-es-CO",
    );
    const svg = await app.request(get("/console/campaigns/school_visits/qr.svg?to=whatsapp", cookie));
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(await svg.text()).toMatch(/^<svg/);
  });

  it("refuses a bad or taken name, 404s an unknown campaign, and shows the poster per language and size", async () => {
    const { app } = await withAccounts();
    const cookie = await signIn(app, "amira");
    expect((await app.request(form("/console/campaigns", { name: "no spaces" }, cookie))).status).toBe(400);
    const taken = await app.request(form("/console/campaigns", { name: "demo" }, cookie));
    expect(await taken.text()).toMatch(/already a campaign named demo/);
    expect((await app.request(get("/console/campaigns/unknown", cookie))).status).toBe(404);
    const poster = await (
      await app.request(get("/console/campaigns/demo/poster?to=telegram&lang=es&size=a5", cookie))
    ).text();
    expect(poster).toMatch(/<article class="poster a5" lang="es">/);
    expect(poster).toContain("@guardline_test_bot");
    expect(poster).toContain("Start here: https://t.me/guardline_test_bot?start=demo-es");
  });

  it("shows per-campaign figures with suppression", async () => {
    const { app } = await withAccounts();
    const html = await (await app.request(get("/console/campaigns/demo", await signIn(app, "bo")))).text();
    expect(html).toMatch(/Conversations started<\/th><td class="num">40</);
    expect(html).toMatch(/Completion rate<\/th><td class="num">62.5%</);
  });
});

describe("channels, accounts, audit", () => {
  it("shows channel states with details and the pairing QR code to admins, and audits opening it", async () => {
    const log = captureLogger();
    const built = buildConsole(counters, log.logger, {
      pairingStatus: { state: "pairing", qr: "2@pairing-code-for-test", since: "2026-11-25T12:00:00.000Z" },
    });
    await addAccount(built.staff, "amira", "admin");
    const cookie = await signIn(built.app, "amira");
    const channels = await (await built.app.request(get("/console/channels", cookie))).text();
    expect(channels).toMatch(
      /WhatsApp Web<\/th><td class="num">starting<\/td><td class="num">waiting for the pairing scan/,
    );
    expect(channels).toContain("long polling");
    const pairing = await (await built.app.request(get("/console/channels/pairing", cookie))).text();
    expect(pairing).toMatch(/<img id="pairing-qr" src="data:image\/png;base64,/);
    expect(pairing).toMatch(/<script src="\/console\/assets\/pairing.js" defer(="")?><\/script>/);
    const live = await (await built.app.request(get("/console/channels/pairing.json", cookie))).json();
    expect(live).toMatchObject({ state: "pairing", qr: expect.stringMatching(/^data:image\/png;base64,/) });
    expect((await built.staff.auditLog(5)).map((e) => e.action)).toEqual(["whatsapp_pairing_opened"]);
    expect((await built.app.request(get("/console/assets/pairing.js"))).headers.get("content-type")).toMatch(
      /javascript/,
    );
  });

  it("admins create accounts with a typed password, not too short, and see the audit log", async () => {
    const { app, staff } = await withAccounts();
    const cookie = await signIn(app, "amira");
    const short = await app.request(
      form("/console/accounts", { name: "cleo", role: "viewer", password: "short" }, cookie),
    );
    expect(short.status).toBe(400);
    const ok = await app.request(
      form("/console/accounts", { name: "cleo", role: "viewer", password: "a long password here" }, cookie),
    );
    expect(await ok.text()).not.toMatch(/class="secret"/);
    expect((await staff.find("cleo"))?.role).toBe("viewer");
    expect((await app.request(form("/console/accounts/amira/remove", {}, cookie))).status).toBe(400);
    const audit = await (await app.request(get("/console/audit", cookie))).text();
    expect(audit).toMatch(/amira<\/td><td class="num">created an account<\/td><td class="num">cleo/);
  });
});
