import { describe, expect, it } from "vitest";
import { miniDir } from "../../test/support/content.ts";
import { transcript } from "../../test/support/transcript.ts";

describe("staff chat presets", () => {
  it("applies --lang and --country whatever the first line is, as a WhatsApp 'hello' starts a conversation", async () => {
    const text = await transcript(["hello"], { lang: "nl", country: "NL", dir: miniDir });
    expect(text).toContain("Hello, I am Guardline.");
    expect(text).not.toContain("Where do you live?"); // the country is already known
    expect(text).toContain("Waar wil je meer over weten?"); // the menu, in Dutch
  });

  it("keeps a first keyword's meaning and still applies the presets", async () => {
    const text = await transcript(["help"], { lang: "en", country: "NL", dir: miniDir });
    expect(text).toMatch(/^> help\n/);
    expect(text).toContain("De Kindertelefoon");
  });

  it("says out loud that a --start code does not fit, and starts without it", async () => {
    const text = await transcript(["start"], { start: "not a code!", dir: miniDir });
    expect(text).toMatch(/^\(start code "not a code!" does not fit <campaign>\[-<language>\[-<country>\]\]/);
    expect(text).toContain("Hello, I am Guardline.");
  });
});
