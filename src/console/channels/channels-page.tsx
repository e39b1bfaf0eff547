/**
 * Channels (/console/channels, admins): each channel's state and reason as /readyz shows them
 * to admins, how Telegram reaches the service, and (/console/channels/pairing) the WhatsApp Web
 * pairing QR code, kept current by a small script of this server (assets/pairing.js polls
 * pairing.json) until it is scanned; without scripts, a link reloads it. Whoever scans it owns the bot's WhatsApp chats, so opening it is written to the audit log.
 */
import { Hono } from "hono";
import QRCode from "qrcode";
import type { ConsoleDeps } from "../console-deps.ts";
import type { ConsoleEnv } from "../console-env.ts";
import { Table } from "../overview/overview-page.tsx";

const qrImage = (qr: string) => QRCode.toDataURL(qr, { errorCorrectionLevel: "L", margin: 2, width: 320 });

export function channelsPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get("/", (c) => {
    const t = c.var.t;
    const channels = deps.channels();
    return c.render(
      <>
        <Table
          t={t}
          empty={t("channels.none")}
          head={[t("channels.channel"), t("channels.state"), t("channels.detail")]}
          rows={channels.map((ch) => [
            t(`channel.${ch.name}`),
            t(`channels.states.${ch.state}`),
            ch.detail ?? "",
          ])}
        />
        <h2>{t("channels.telegram")}</h2>
        <p>{deps.telegramDelivery ?? t("channels.telegram_off")}</p>
        <h2>{t("channels.whatsapp_web")}</h2>
        {deps.pairing ? (
          <p>
            <a href="/console/channels/pairing">{t("channels.pairing_link")}</a>
          </p>
        ) : (
          <p class="muted">{t("channels.whatsapp_web_off")}</p>
        )}
      </>,
      { title: t("channels.title") },
    );
  });

  app.get("/pairing.json", async (c) => {
    const status = deps.pairing?.() ?? null;
    if (!status) return c.json({ state: "off" });
    const t = c.var.t;
    return c.json({
      state: status.state,
      text: t("channels.pairing_state", {
        state: t(`channels.pairing_states.${status.state}`),
        since: status.since,
      }),
      qr: status.qr ? await qrImage(status.qr) : null,
    });
  });

  app.get("/pairing", async (c) => {
    const t = c.var.t;
    const status = deps.pairing?.() ?? null;
    if (status?.qr)
      await deps.staff.audit({ actor: c.var.staff.name, action: "whatsapp_pairing_opened", subject: "" });
    const image = status?.qr ? await qrImage(status.qr) : null;
    return c.render(
      <>
        <p>
          <a href="/console/channels">{t("channels.back")}</a>
        </p>
        {!status ? (
          <p class="muted">{t("channels.whatsapp_web_off")}</p>
        ) : (
          <section id="pairing" data-src="/console/channels/pairing.json">
            <p role="status" id="pairing-state">
              {t("channels.pairing_state", {
                state: t(`channels.pairing_states.${status.state}`),
                since: status.since,
              })}
            </p>
            <p>{t("channels.pairing_scan")}</p>
            <p class="qr">
              <img id="pairing-qr" src={image ?? ""} alt={t("channels.pairing_alt")} hidden={!image} />
            </p>
            <p>
              <a href="/console/channels/pairing">{t("channels.reload")}</a>
            </p>
            <script src="/console/assets/pairing.js" defer></script>
          </section>
        )}
      </>,
      { title: t("channels.pairing_title") },
    );
  });
  return app;
}
