/**
 * The channel contract: one suite every adapter passes (terminal chat, WhatsApp Web, WhatsApp
 * Cloud API, Telegram). A harness drives the real adapter the way its platform would, and reads
 * back what the person would see; the cases below are written once, in the person's terms.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "pino";
import { contentUnavailableText } from "../../src/channels/turn-runner.ts";
import { ContentUnavailableError } from "../../src/content/content-source.ts";
import type { ContentSource } from "../../src/content/content-source.ts";
import type { SessionKeyer } from "../../src/sessions/session-key.ts";
import {
  captureLogs,
  longTextContent,
  miniContent,
  recordingSessions,
  testKeyer,
  type RecordingSessions,
} from "./support.ts";

/** One message as the person sees it: its text and the options offered (buttons, rows or numbered lines). */
export interface Seen {
  text: string;
  options: string[];
}

export type UnsupportedKind = "image" | "voice" | "sticker" | "location";

export interface ChannelHarness {
  /** The person's first contact, the way this platform starts a chat (Telegram /start, WhatsApp "Hi"). */
  open(): Promise<Seen[]>;
  send(text: string): Promise<Seen[]>;
  /**
   * Starts from a campaign link carrying `payload` (`<campaign>[-<language>[-<country>]]`):
   * Telegram's `t.me/<bot>?start=<payload>`, WhatsApp's prefilled `wa.me/<number>?text=… [<payload>]`.
   */
  startWith(payload: string): Promise<Seen[]>;
  /** Picks an offered option the way this platform does it: a button, a list row, or its number. */
  choose(label: string): Promise<Seen[]>;
  sendUnsupported(kind: UnsupportedKind): Promise<Seen[]>;
  /** Longest text one platform message may hold. */
  readonly maxChars: number;
  /** The person's identifiers on the platform (chat id, phone number): they must never leak. */
  readonly identifiers: string[];
  /** Bot messages removed from the chat by the last erase, where the platform allows it. */
  deletedByErase?(): number;
  /**
   * The platform fails the next message the bot sends: `refused` as it refuses one bad message,
   * `unreachable` as it answers for a chat that blocked the bot or is gone.
   */
  failNextSend(how: "refused" | "unreachable"): void;
  /** Delivers the last update again, as the platform does after a timeout; returns what was sent. */
  redeliver(): Promise<Seen[]>;
  close(): Promise<void>;
}

export interface HarnessDeps {
  content: ContentSource;
  sessions: RecordingSessions;
  keyer: SessionKeyer;
  logger: Logger;
}

const joined = (seen: Seen[]) => seen.map((s) => [s.text, ...s.options].join("\n")).join("\n\n");
const lastOptions = (seen: Seen[]) => seen.findLast((s) => s.options.length)?.options ?? [];
/** Texts typed in these cases: none may reach a log or a session key. */
const typed = ["purple elephant sighting", "my child is in danger tonight"];

export function channelContract(
  name: string,
  makeHarness: (deps: HarnessDeps) => Promise<ChannelHarness>,
): void {
  describe(`channel contract: ${name}`, () => {
    let harness: ChannelHarness | undefined;
    let deps: HarnessDeps;
    let logs: ReturnType<typeof captureLogs>;
    const make = async (content: ContentSource = miniContent()) => {
      logs = captureLogs();
      deps = { content, sessions: recordingSessions(), keyer: testKeyer, logger: logs.logger };
      harness = await makeHarness(deps);
      return harness;
    };

    afterEach(async () => {
      if (!harness) return;
      await harness.close();
      const written = [...deps.sessions.written].flat().join("\n");
      for (const secret of [...harness.identifiers, ...typed]) {
        expect(logs.text(), "logs must not identify the person").not.toContain(secret);
        expect(written, "session keys and values must not identify the person").not.toContain(secret);
      }
      harness = undefined;
    });

    it("start: greets and asks the first question with its options", async () => {
      const seen = await (await make()).open();
      expect(joined(seen)).toContain("Hello, I am Guardline.");
      expect(seen.at(-1)).toEqual({
        text: "Where do you live?",
        options: ["the Netherlands", "Other country"],
      });
    });

    it("options: choosing one moves on to the next question", async () => {
      const h = await make();
      await h.open();
      const seen = await h.choose("the Netherlands");
      expect(joined(seen)).toContain("Thanks.");
      expect(seen.at(-1)).toEqual({
        text: "What would you like to know?",
        options: ["Tips", "Get help now", "Goodbye"],
      });
    });

    it("options: a typed number or label works too", async () => {
      const h = await make();
      await h.open();
      expect(joined(await h.send("2"))).toContain("What would you like to know?");
      expect(joined(await h.send("tips"))).toContain("Tip one.");
    });

    it("free text that is not an answer: says so and asks again", async () => {
      const h = await make();
      await h.open();
      const seen = await h.send(typed[0]!);
      expect(joined(seen)).toContain("Sorry, I didn't understand.");
      expect(lastOptions(seen)).toEqual(["the Netherlands", "Other country"]);
    });

    it("keywords: menu and help work at any question", async () => {
      const h = await make();
      await h.open();
      await h.choose("the Netherlands");
      expect(joined(await h.send("help"))).toMatch(/Call 112[\s\S]*De Kindertelefoon/);
      expect((await h.send("MENU")).at(-1)?.text).toBe("What would you like to know?");
    });

    it("safeguarding interrupt: danger words at any step show the emergency contacts", async () => {
      const h = await make();
      await h.open();
      await h.choose("the Netherlands");
      await h.choose("Tips");
      const seen = joined(await h.send(typed[1]!));
      expect(seen).toContain("If a child is in danger now, call the emergency number.");
      expect(seen).toContain("Call 112");
    });

    it("erase: forgets the conversation, removes what the platform allows, and starts afresh", async () => {
      const h = await make();
      await h.open();
      await h.choose("the Netherlands");
      expect(await deps.sessions.live()).toHaveLength(1);
      expect(joined(await h.send("erase"))).toContain("Do you want me to forget this conversation?");
      expect(joined(await h.send("yes"))).toContain("Done. I have forgotten this conversation.");
      expect(await deps.sessions.live()).toEqual([]);
      if (h.deletedByErase) expect(h.deletedByErase()).toBeGreaterThanOrEqual(4);
      expect(joined(await h.send("hello"))).toContain("Hello, I am Guardline.");
    });

    it("long texts: split into messages the platform accepts, nothing lost", async () => {
      const paragraphs = Array.from(
        { length: 5 },
        (_, i) => `Paragraph ${i + 1}. ${"Words to keep children safe online. ".repeat(40).trim()}`,
      );
      const h = await make(longTextContent("tips:one", paragraphs));
      await h.open();
      await h.choose("the Netherlands");
      const seen = await h.choose("Tips");
      for (const s of seen) expect([...s.text].length).toBeLessThanOrEqual(h.maxChars);
      const text = joined(seen);
      for (const p of paragraphs) expect(text.replace(/\s+/g, " ")).toContain(p);
      expect(seen.at(-1)?.text).toBe("More tips?");
    });

    it("campaign link: starts with the link's language and country", async () => {
      const seen = await (await make()).startWith("poster7-nl-NL");
      expect(seen.at(-1)?.text).toBe("Waar wil je meer over weten?");
    });

    it("content unavailable: the being-updated notice instead of silence", async () => {
      const unavailable: ContentSource = {
        current: () => {
          throw new ContentUnavailableError();
        },
      };
      const seen = await (await make(unavailable)).open();
      expect(seen.map((s) => s.text)).toEqual([contentUnavailableText]);
      expect(logs.text()).toContain("content unavailable");
    });

    it("one failed send among several: the rest of the turn still goes out, the contacts included", async () => {
      const h = await make();
      await h.open();
      await h.choose("the Netherlands");
      const all = await h.send("help");
      expect(all.length).toBeGreaterThan(1);
      h.failNextSend("refused");
      const rest = await h.send("help");
      expect(rest).toEqual(all.slice(1));
      expect(joined(rest)).toContain("De Kindertelefoon");
      expect(logs.text()).toContain("a reply could not be sent");
    });

    it("an unreachable chat ends the turn's sending; the next turn is answered again", async () => {
      const h = await make();
      await h.open();
      await h.choose("the Netherlands");
      h.failNextSend("unreachable");
      expect(await h.send("help")).toEqual([]);
      expect((await h.send("menu")).at(-1)?.text).toBe("What would you like to know?");
    });

    it("redelivery: an update delivered again is answered once", async () => {
      const h = await make();
      await h.open();
      expect(await h.redeliver()).toEqual([]);
      // Still at the first question, not moved on by a second run of the same update.
      expect(joined(await h.send("1"))).toContain("Thanks.");
    });

    it.each(["image", "voice", "sticker", "location"] as const)(
      "unsupported input (%s): a kind reply and the question again",
      async (kind) => {
        const h = await make();
        await h.open();
        const seen = await h.sendUnsupported(kind);
        expect(joined(seen)).toContain("I can only read text messages.");
        expect(seen.at(-1)?.text).toBe("Where do you live?");
        // Still working afterwards.
        expect(joined(await h.choose("Other country"))).toContain("What would you like to know?");
      },
    );
  });
}
