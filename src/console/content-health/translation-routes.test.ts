/**
 * Translation files on content health, behind the real console shell on a copy of the shipped
 * content: an admin downloads a language and uploads it back (nothing changes), an upload with a
 * broken row writes nothing and names the row, an edited cell changes exactly that text and is
 * audited. A viewer sees no form and is refused both routes.
 */
import { chmodSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noAnalytics } from "../../analytics/analytics-sink.ts";
import type { CounterStore } from "../../analytics/counter-store.ts";
import { createHotContent, type HotContent } from "../../content/hot-reload.ts";
import { createMemoryStaffStore, type StaffStore } from "../../staff/staff-store.ts";
import {
  changedFiles,
  copyContent,
  shippedDir,
  type ContentCopy,
} from "../../translations/testing/content-copy.ts";
import { captureLogger } from "../../../test/support/test-logger.ts";
import { addAccount, buildConsole, get, openCounters, origin, signIn } from "../testing/console-harness.ts";
import { consoleToolPages } from "../tool-pages.ts";
import type { Hono } from "hono";

let counters: CounterStore;
let closeCounters: () => Promise<void>;
let content: ContentCopy;
let hot: HotContent;
let staff: StaffStore;
let app: Hono;
let admin: string;
let viewer: string;

beforeAll(async () => {
  ({ counters, close: closeCounters } = await openCounters());
  content = copyContent(shippedDir);
  const log = captureLogger();
  hot = createHotContent({ paths: content.paths, logger: log.logger });
  hot.reload();
  staff = createMemoryStaffStore();
  const pages = consoleToolPages({
    content: hot,
    paths: content.paths,
    contentDir: content.dir,
    analytics: { sink: noAnalytics, store: counters, minCount: 5, report: {} },
    textParams: { link: "https://t.me/guardline_test_bot" },
    staff,
  });
  ({ app } = buildConsole(counters, log.logger, { pages, staff }));
  await addAccount(staff, "amira", "admin");
  await addAccount(staff, "bo", "viewer");
  admin = await signIn(app, "amira");
  viewer = await signIn(app, "bo");
}, 60_000);

afterAll(async () => {
  hot.close();
  content.remove();
  await closeCounters();
});

const exportPath = (lang: string, format: string, only = "all") =>
  `/console/health/translations/export?lang=${lang}&format=${format}&only=${only}`;

async function download(lang: string, format: string, only = "all") {
  const res = await app.request(get(exportPath(lang, format, only), admin));
  expect(res.status, await res.clone().text()).toBe(200);
  return { res, data: Buffer.from(await res.arrayBuffer()) };
}

/** A multipart upload as the page's import form sends it. */
function upload(
  name: string,
  data: Buffer,
  cookie: string,
  fields: Record<string, string> = {},
  from = origin,
) {
  const body = new FormData();
  body.set("file", new File([new Uint8Array(data)], name));
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  return app.request(
    new Request(`${origin}/console/health/translations/import`, {
      method: "POST",
      headers: { origin: from, cookie },
      body,
    }),
  );
}

const imports = async () => (await staff.auditLog(50)).filter((e) => e.action === "translations_imported");

// Every page render checks the whole shipped content, as `flows check` does: seconds on a busy machine.
describe("translation files on content health", { timeout: 60_000 }, () => {
  it("shows the forms to an admin and not to a viewer, who is refused both routes", async () => {
    const forAdmin = await (await app.request(get("/console/health", admin))).text();
    expect(forAdmin).toContain('action="/console/health/translations/export"');
    expect(forAdmin).toContain('enctype="multipart/form-data"');
    expect(forAdmin).toContain('<option value="th">');
    expect(forAdmin).not.toContain('<option value="en">');

    const page = await app.request(get("/console/health", viewer));
    expect(page.status).toBe(200);
    const forViewer = await page.text();
    expect(forViewer).toContain("Texts reviewed");
    expect(forViewer).not.toContain("/console/health/translations");
    expect((await app.request(get(exportPath("th", "csv"), viewer))).status).toBe(403);
    const before = content.snapshot();
    const { data } = await download("th", "csv");
    const edited = Buffer.from(data.toString().replace(",ใช่,", ",ใช่ค่ะ,"));
    expect(edited.equals(data)).toBe(false);
    expect((await upload("th.csv", edited, viewer)).status).toBe(403);
    expect(changedFiles(before, content.snapshot())).toEqual([]);
  });

  it.each([
    ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["csv", "text/csv; charset=utf-8"],
    ["po", "text/x-gettext-translation; charset=utf-8"],
    ["xliff", "application/xliff+xml; charset=utf-8"],
  ])("downloads th as %s, and uploading it unchanged changes no byte", async (format, type) => {
    const { res, data } = await download("th", format);
    expect(res.headers.get("content-type")).toBe(type);
    const name = `guardline-th.${format === "xliff" ? "xlf" : format}`;
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${name}"`);
    const before = content.snapshot();
    const res2 = await upload(name, data, admin);
    const html = await res2.text();
    expect(res2.status, html).toBe(200);
    expect(html).toContain(`th: ${name} matches the texts as they are; nothing was written.`);
    expect(changedFiles(before, content.snapshot())).toEqual([]);
    expect(await imports()).toEqual([]);
  });

  it("names a selection in the file name, and answers an unknown language on the page", async () => {
    const { res } = await download("th", "csv", "stale");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="guardline-th-stale.csv"');
    const unknown = await app.request(get(exportPath("xx", "csv"), admin));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Could not export: no locale &quot;xx&quot;");
    const odd = await app.request(get(exportPath("th", "docx"), admin));
    expect(odd.status).toBe(400);
    expect(await odd.text()).toContain("Choose a language, a format and which texts from the lists.");
  });

  it("writes nothing when a row loses a placeholder, and lists that row", async () => {
    const { data } = await download("th", "csv");
    const records = parse(data, { bom: true, columns: true }) as Record<string, string>[];
    const index = records.findIndex((r) => r.placeholders && r.translation?.includes(r.placeholders));
    const row = records[index]!;
    const [placeholder] = row.placeholders!.split(" ");
    row.translation = row.translation!.replaceAll(placeholder!, "");
    const broken = Buffer.from(stringify(records, { header: true, bom: true, record_delimiter: "unix" }));
    const before = content.snapshot();
    const res = await upload("th-edited.csv", broken, admin);
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain("Nothing imported: 1 problem(s) to fix in th-edited.csv.");
    expect(html).toContain(`<code>th-edited.csv:${index + 2}</code>`);
    expect(html).toContain(`the translation of \`${row.key}\` leaves out ${placeholder}`);
    expect(changedFiles(before, content.snapshot())).toEqual([]);
    expect(await imports()).toEqual([]);
  });

  it("refuses an upload from another origin, one without a file, and one over the limit", async () => {
    const { data } = await download("th", "csv");
    const edited = Buffer.from(data.toString().replace(",ใช่,", ",ใช่ค่ะ,"));
    const before = content.snapshot();
    expect((await upload("th.csv", edited, admin, {}, "https://evil.example")).status).toBe(403);
    const empty = await upload("th.csv", Buffer.alloc(0), admin);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Choose a file to upload.");
    const large = await upload("th.csv", Buffer.alloc(5 * 1024 * 1024, "a"), admin);
    expect(large.status).toBe(413);
    expect(await large.text()).toContain("larger than the upload limit");
    expect(changedFiles(before, content.snapshot())).toEqual([]);
  });

  // File modes do not stop root; CI runs the suite as an ordinary user.
  it.skipIf(process.getuid?.() === 0)(
    "says so when the content directory may not be written, and writes nothing",
    async () => {
      const { data } = await download("th", "csv");
      const edited = Buffer.from(data.toString().replace(",ใช่,", ",ใช่ค่ะ,"));
      const dir = join(content.paths.localesDir, "th");
      const files = readdirSync(dir);
      const before = content.snapshot();
      for (const f of files) chmodSync(join(dir, f), 0o444);
      chmodSync(dir, 0o555);
      try {
        const res = await upload("th.csv", edited, admin);
        expect(res.status).toBe(503);
        expect(await res.text()).toContain(`the service may not write to ${content.paths.localesDir}`);
      } finally {
        chmodSync(dir, 0o755);
        for (const f of files) chmodSync(join(dir, f), 0o644);
      }
      expect(changedFiles(before, content.snapshot())).toEqual([]);
      expect(await imports()).toEqual([]);
    },
  );

  it("imports one edited cell as exactly that change, reviewed, audited, and served after the reload", async () => {
    const { data } = await download("th", "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Translations")!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    sheet.eachRow((row) => {
      if (row.getCell(col("key")).text === "feedback:options.yes")
        row.getCell(col("translation")).value = "ใช่ค่ะ";
    });
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());

    const before = content.snapshot();
    const checked = await (await upload("th.xlsx", edited, admin, { check_only: "on" })).text();
    expect(checked).toContain(
      "th.xlsx can be imported: 1 text(s) would change, 1 review state(s) would be set.",
    );
    expect(changedFiles(before, content.snapshot())).toEqual([]);

    const res = await upload("th.xlsx", edited, admin, { by: "Somchai" });
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(html).toContain("th: 1 text(s) changed, 1 review state(s) set.");
    expect(html).toContain("Files written: th/feedback.json, th/review.yaml");
    const after = content.snapshot();
    expect(changedFiles(before, after)).toEqual(["th/feedback.json", "th/review.yaml"]);
    const diff = (file: string) => {
      const old = before.get(file)!.split("\n");
      return after
        .get(file)!
        .split("\n")
        .flatMap((line, i) => (line === old[i] ? [] : [line.trim()]));
    };
    expect(diff("th/feedback.json")).toEqual(['"yes": "ใช่ค่ะ",']);
    expect(diff("th/review.yaml")).toEqual([
      expect.stringMatching(
        /^feedback:options\.yes: \{ state: reviewed, english: \w+, by: Somchai, on: \d{4}-/,
      ),
    ]);
    expect(await imports()).toEqual([expect.objectContaining({ actor: "amira", subject: "th" })]);
    const audit = await (await app.request(get("/console/audit", admin))).text();
    expect(audit).toContain("imported translations");

    expect(hot.reload()).toBe(true);
    expect(hot.current().translator.t("th", "feedback:options.yes")).toBe("ใช่ค่ะ");
  });
});
