/** The audit log (/console/audit, admins): who did what to which account or campaign, newest first. */
import { Hono } from "hono";
import type { ConsoleDeps } from "../console-deps.ts";
import type { ConsoleEnv } from "../console-env.ts";
import { Table } from "../overview/overview-page.tsx";

const shown = 200;

export function auditPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/", async (c) => {
    const t = c.var.t;
    const entries = await deps.staff.auditLog(shown);
    return c.render(
      <>
        <p class="muted">{t("audit.intro", { count: shown })}</p>
        <Table
          t={t}
          empty={t("audit.none")}
          head={[t("audit.when"), t("audit.who"), t("audit.what"), t("audit.subject")]}
          rows={entries.map((e) => [
            e.at.toISOString().replace("T", " ").slice(0, 19),
            e.actor,
            t(`audit.actions.${e.action}`, { defaultValue: e.action }),
            e.subject,
          ])}
        />
      </>,
      { title: t("audit.title") },
    );
  });
  return app;
}
