/**
 * Account management (/console/accounts, admins): list, create (with a password the admin
 * types or one generated and shown once), reset a password, remove. Every change goes to the
 * audit log. An admin cannot remove their own account (so at least one admin always remains
 * who can act); the ADMIN_TOKEN sign-in ends once the first account exists.
 */
import { Hono, type Context } from "hono";
import { generatePassword, hashPassword, minPasswordLength } from "../../staff/password.ts";
import { staffNamePattern } from "../../staff/staff-store.ts";
import type { ConsoleDeps } from "../console-deps.ts";
import type { ConsoleEnv } from "../console-env.ts";

interface Outcome {
  kind: "notice" | "error";
  text: string;
  /** A password to show once. */
  secret?: string;
}

export function accountPages(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const show = async (c: Context<ConsoleEnv>, outcome?: Outcome, status = 200) => {
    const res = await c.render(<Accounts c={c} deps={deps} outcome={outcome} />, {
      title: c.var.t("accounts.title"),
    });
    return new Response(res.body, { status, headers: res.headers });
  };
  const passwordFrom = (value: unknown) => String(value ?? "") || generatePassword();

  app.get("/", (c) => show(c));

  app.post("/", async function createAccount(c) {
    const t = c.var.t;
    const body = await c.req.parseBody();
    const name = String(body.name ?? "").trim();
    const role = body.role === "admin" ? "admin" : body.role === "viewer" ? "viewer" : null;
    const password = passwordFrom(body.password);
    if (!staffNamePattern.test(name) || !role)
      return show(c, { kind: "error", text: t("accounts.bad_name") }, 400);
    if (password.length < minPasswordLength)
      return show(
        c,
        { kind: "error", text: t("accounts.short_password", { count: minPasswordLength }) },
        400,
      );
    if (
      !(await deps.staff.create({
        name,
        role,
        passwordHash: await hashPassword(password, deps.passwordCost),
      }))
    )
      return show(c, { kind: "error", text: t("accounts.taken", { name }) }, 400);
    await deps.staff.audit({ actor: c.var.staff.name, action: "account_created", subject: name });
    return show(c, {
      kind: "notice",
      text: t("accounts.created", { name, role: t(`role.${role}`) }),
      ...(body.password ? {} : { secret: password }),
    });
  });

  app.post("/:name/reset", async function resetPassword(c) {
    const t = c.var.t;
    const name = c.req.param("name");
    const body = await c.req.parseBody();
    const password = passwordFrom(body.password);
    if (password.length < minPasswordLength)
      return show(
        c,
        { kind: "error", text: t("accounts.short_password", { count: minPasswordLength }) },
        400,
      );
    if (!(await deps.staff.setPassword(name, await hashPassword(password, deps.passwordCost))))
      return show(c, { kind: "error", text: t("accounts.missing", { name }) }, 404);
    await deps.staff.audit({ actor: c.var.staff.name, action: "password_reset", subject: name });
    return show(c, {
      kind: "notice",
      text: t("accounts.reset", { name }),
      ...(body.password ? {} : { secret: password }),
    });
  });

  app.post("/:name/remove", async function removeAccount(c) {
    const t = c.var.t;
    const name = c.req.param("name");
    if (name === c.var.staff.name) return show(c, { kind: "error", text: t("accounts.not_yourself") }, 400);
    if (!(await deps.staff.remove(name)))
      return show(c, { kind: "error", text: t("accounts.missing", { name }) }, 404);
    await deps.staff.audit({ actor: c.var.staff.name, action: "account_removed", subject: name });
    return show(c, { kind: "notice", text: t("accounts.removed", { name }) });
  });
  return app;
}

async function Accounts(props: { c: Context<ConsoleEnv>; deps: ConsoleDeps; outcome?: Outcome | undefined }) {
  const t = props.c.var.t;
  const accounts = await props.deps.staff.list();
  const outcome = props.outcome;
  return (
    <>
      {outcome ? (
        <div
          class={`notice ${outcome.kind === "error" ? "error" : ""}`}
          role={outcome.kind === "error" ? "alert" : "status"}
        >
          <p>{outcome.text}</p>
          {outcome.secret ? (
            <p>
              {t("accounts.password_once")} <span class="secret">{outcome.secret}</span>
            </p>
          ) : null}
        </div>
      ) : null}
      {accounts.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("accounts.name")}</th>
                <th scope="col">{t("accounts.role")}</th>
                <th scope="col">{t("accounts.created_on")}</th>
                <th scope="col">{t("accounts.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr>
                  <th scope="row">{a.name}</th>
                  <td>{t(`role.${a.role}`)}</td>
                  <td>{a.createdAt.toISOString().slice(0, 10)}</td>
                  <td>
                    <form method="post" action={`/console/accounts/${a.name}/reset`} class="inline">
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={t("accounts.reset_for", { name: a.name })}
                      >
                        {t("accounts.reset_submit")}
                      </button>
                    </form>
                    {a.name !== props.c.var.staff.name ? (
                      <form method="post" action={`/console/accounts/${a.name}/remove`} class="inline">
                        <button
                          type="submit"
                          class="danger"
                          aria-label={t("accounts.remove_for", { name: a.name })}
                        >
                          {t("accounts.remove_submit")}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{t("accounts.none")}</p>
      )}
      <h2>{t("accounts.create")}</h2>
      <form method="post" action="/console/accounts" class="stack">
        <label>
          {t("accounts.name")}
          <input name="name" required pattern="[A-Za-z0-9._\-]{2,40}" autocomplete="off" />
        </label>
        <label>
          {t("accounts.role")}
          <select name="role">
            <option value="viewer">{t("role.viewer")}</option>
            <option value="admin">{t("role.admin")}</option>
          </select>
        </label>
        <label>
          {t("accounts.password")}
          <input name="password" type="password" autocomplete="new-password" minlength={minPasswordLength} />
        </label>
        <span class="muted">{t("accounts.password_help", { count: minPasswordLength })}</span>
        <button type="submit">{t("accounts.create_submit")}</button>
      </form>
    </>
  );
}
