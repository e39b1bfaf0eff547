/**
 * GET/POST /console/sign-in and POST /console/sign-out. A staff account signs in with its
 * password; while no account exists, ADMIN_TOKEN signs in as the pseudo-account `ADMIN_TOKEN`
 * (admin) so the first account can be created. Attempts are throttled per account and per
 * client, with the same answer for an unknown name and a wrong password.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono, type Context } from "hono";
import { createHash, timingSafeEqual } from "node:crypto";
import type { Logger } from "pino";
import { dummyHash, verifyPassword, type ScryptCost } from "../../staff/password.ts";
import type { StaffStore } from "../../staff/staff-store.ts";
import type { ConsoleEnv, ConsoleT } from "../console-env.ts";
import { Frame } from "../layout.tsx";
import { tokenAccount, type Sessions } from "./session.ts";
import type { Throttle } from "./throttle.ts";

export interface SignInOptions {
  staff: StaffStore;
  sessions: Sessions;
  throttle: Throttle;
  adminToken: string | undefined;
  logger: Logger;
  language: (c: Context<ConsoleEnv>) => string;
  clientKey?: ((c: Context) => string) | undefined;
  passwordCost?: ScryptCost | undefined;
}

const digest = (value: string) => createHash("sha256").update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function defaultClientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function signInRoutes(options: SignInOptions): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const clientKey = options.clientKey ?? defaultClientKey;

  app.get("/sign-in", async (c) =>
    c.html(<SignInPage c={c} lang={options.language(c)} tokenHint={await tokenHint(options)} />),
  );

  app.post("/sign-in", async function signIn(c) {
    const body = await c.req.parseBody();
    const name = String(body.name ?? "")
      .trim()
      .slice(0, 80);
    const password = String(body.password ?? "");
    const keys = [`account:${name.toLowerCase()}`, `client:${clientKey(c)}`];
    const hint = await tokenHint(options);
    const again = (message: string, status: 401 | 429) =>
      c.html(
        <SignInPage c={c} lang={options.language(c)} tokenHint={hint} error={message} name={name} />,
        status,
      );
    const wait = options.throttle.lockedFor(keys);
    if (wait > 0) {
      options.logger.warn({ lockedSeconds: Math.ceil(wait / 1000) }, "console sign-in refused: locked out");
      return again(c.var.t("sign_in.locked", { minutes: Math.ceil(wait / 60_000) }), 429);
    }
    const fingerprint = await check(options, name, password);
    if (!fingerprint) {
      options.throttle.fail(keys);
      options.logger.info("console sign-in failed");
      return again(c.var.t("sign_in.failed"), 401);
    }
    options.throttle.succeed(keys[0]!);
    await options.sessions.start(c, { name: fingerprint.name, fingerprint: fingerprint.value });
    if (fingerprint.name === tokenAccount)
      await options.staff.audit({ actor: tokenAccount, action: "signed_in_with_token", subject: "" });
    return c.redirect("/console", 303);
  });

  app.post("/sign-out", (c) => {
    options.sessions.end(c);
    return c.redirect("/console/sign-in", 303);
  });
  return app;
}

/** Whether ADMIN_TOKEN may sign in now: configured, and no account exists yet. */
async function tokenHint(options: SignInOptions): Promise<boolean> {
  return Boolean(options.adminToken) && (await options.staff.count()) === 0;
}

async function check(
  options: SignInOptions,
  name: string,
  password: string,
): Promise<{ name: string; value: string } | null> {
  if (name === tokenAccount) {
    const token = options.adminToken;
    if (!token || (await options.staff.count()) > 0 || !sameSecret(password, token)) return null;
    return { name, value: options.sessions.fingerprint(`token:${token}`) };
  }
  const account = await options.staff.find(name);
  // An unknown name costs a hash too, so timing does not tell which names exist.
  const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash(options.passwordCost)));
  return account && ok
    ? { name: account.name, value: options.sessions.fingerprint(account.passwordHash) }
    : null;
}

function SignInPage(props: {
  c: Context<ConsoleEnv>;
  lang: string;
  tokenHint: boolean;
  error?: string;
  name?: string;
}) {
  const t: ConsoleT = props.c.var.t;
  return (
    <Frame title={t("sign_in.title")} lang={props.lang} brand={t("brand")}>
      <main id="main" class="signin">
        <h1>{t("sign_in.title")}</h1>
        {props.error ? (
          <p class="notice error" role="alert">
            {props.error}
          </p>
        ) : null}
        {props.tokenHint ? <p class="notice">{t("sign_in.token_hint", { name: tokenAccount })}</p> : null}
        <form method="post" action="/console/sign-in" class="stack">
          <label>
            {t("sign_in.name")}
            <input name="name" autocomplete="username" required value={props.name ?? ""} />
          </label>
          <label>
            {t("sign_in.password")}
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit">{t("sign_in.submit")}</button>
        </form>
      </main>
    </Frame>
  );
}
