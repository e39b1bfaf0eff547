import { describe, expect, it } from "vitest";
import { parseStartPayload } from "../../conversation/start-payload.ts";
import { qrSvg, telegramLink, whatsappFirstMessage, whatsappLink } from "./campaign-links.ts";

describe("campaign links", () => {
  it("Telegram links carry the start payload", () => {
    expect(telegramLink("guardline_bot", { campaign: "school_visits" })).toBe(
      "https://t.me/guardline_bot?start=school_visits",
    );
    expect(telegramLink("guardline_bot", { campaign: "rio", language: "pt-BR", country: "BR" })).toBe(
      "https://t.me/guardline_bot?start=rio-pt_BR-BR",
    );
  });

  it("WhatsApp links prefill a greeting and the payload in brackets, which parses back", () => {
    const choice = { campaign: "school_visits", language: "es" };
    expect(whatsappFirstMessage("Hola", choice)).toBe("Hola [school_visits-es]");
    const link = whatsappLink("+31 6 1234 5678", "Hola", choice);
    expect(link).toBe("https://wa.me/31612345678?text=Hola%20%5Bschool_visits-es%5D");
    const text = new URL(link).searchParams.get("text")!;
    expect(parseStartPayload(/\[([^\]]+)\]$/.exec(text)![1])).toEqual({
      campaign: "school_visits",
      language: "es",
    });
  });

  it("QR codes come as SVG too", async () => {
    expect(await qrSvg("https://t.me/x?start=y")).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});
