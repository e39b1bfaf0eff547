import { describe, expect, it } from "vitest";
import { loadOk, miniDir } from "../../../test/support/content.ts";
import { channelDeclarations } from "../../channels/limits.ts";
import { checkChannelLimits, type ChannelLimits } from "./channel-limits.ts";

const content = loadOk(miniDir);

/** A channel far stricter than any real one, so every question of the mini content breaks it. */
const pager: ChannelLimits = {
  title: "Pager",
  messageChars: 10,
  choiceDataBytes: 12,
  buttons: { max: 2, labelChars: 3 },
  list: { rows: 2, rowLabelChars: 4, buttonChars: 5 },
  interactiveBodyChars: 8,
};

describe("checkChannelLimits", () => {
  it("finds nothing in the mini content with the channels' own declarations", () => {
    expect(checkChannelLimits(content.loaded.flows, content.translator, channelDeclarations)).toEqual([]);
  });

  it("judges by the limits a channel declares, and names that channel", () => {
    const problems = checkChannelLimits(content.loaded.flows, content.translator, {
      ...channelDeclarations,
      limits: [pager],
    });
    const messages = (rule: string) => problems.filter((p) => p.rule === rule).map((p) => p.message);
    expect(messages("too-many-options")).toContain(
      "question `pick` has 3 options; Pager lists allow 2. Split it into two questions",
    );
    expect(messages("callback-data-too-long")[0]).toMatch(/too long for a Pager button \(12 bytes\)/);
    expect(messages("text-too-long")[0]).toMatch(/longer than a Pager message \(10 characters\)/);
    expect(messages("label-too-long")[0]).toMatch(/Pager (buttons|list rows) show [34],/);
  });

  it("names the strictest of several channels", () => {
    const roomy: ChannelLimits = { ...pager, title: "Roomy", messageChars: 100_000, choiceDataBytes: 1000 };
    const problems = checkChannelLimits(content.loaded.flows, content.translator, {
      ...channelDeclarations,
      limits: [roomy, pager],
    });
    const dataProblems = problems.filter((p) => p.rule === "callback-data-too-long");
    expect(dataProblems.length).toBeGreaterThan(0);
    for (const p of dataProblems) expect(p.message).toContain("Pager button");
    for (const p of problems.filter((p) => p.rule === "text-too-long"))
      expect(p.message).toContain("Pager message");
  });
});
