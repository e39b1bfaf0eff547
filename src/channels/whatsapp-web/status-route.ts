/**
 * `GET /api/whatsapp/status` for admins: the WhatsApp Web client's state and, while pairing, the
 * QR code as a PNG data URL the staff console can show. Admin-only (the admin guard), because
 * whoever scans the QR code owns the bot's chats.
 */
import { Hono } from "hono";
import { adminGuard } from "../../http/guards/admin-guard.ts";
import QRCode from "qrcode";
import type { PairingStatus } from "./whatsapp-web-channel.ts";

export interface StatusRouteOptions {
  pairing: () => PairingStatus;
  adminToken: string;
}

export interface StatusBody {
  state: PairingStatus["state"];
  since: string;
  /** `data:image/png;base64,…` while waiting for a scan, else null. */
  qr: string | null;
}

export function whatsappStatusRoute(options: StatusRouteOptions): Hono {
  const app = new Hono();
  let cached: { qr: string; image: Promise<string> } | null = null;
  const image = (qr: string) => {
    if (cached?.qr !== qr)
      cached = { qr, image: QRCode.toDataURL(qr, { errorCorrectionLevel: "L", margin: 2, width: 320 }) };
    return cached.image;
  };
  app.get(
    "/api/whatsapp/status",
    adminGuard({ token: options.adminToken }),
    async function whatsappStatus(c) {
      const { state, since, qr } = options.pairing();
      const body: StatusBody = { state, since, qr: qr ? await image(qr) : null };
      c.header("Cache-Control", "no-store");
      return c.json(body);
    },
  );
  return app;
}
