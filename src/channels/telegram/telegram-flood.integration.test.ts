/**
 * Integration: Telegram's flood control. Replies are not throttled in advance; a 429 is waited
 * for (retry_after) and the same message sent again, in order, while other chats keep being answered.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../../../test/support/telegram/harness.ts";
import { textUpdate } from "../../../test/support/telegram/updates.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const welcome = ["Hello, I am Guardline.", "Nothing that identifies you is kept.", "Where do you live?"];
const waiting = 111;
const other = 222;

describe("Telegram: a 429 with retry_after", () => {
  it("is waited for and retried, in order, while another chat is answered meanwhile", async () => {
    harness = await startHarness({ mode: "webhook" });
    const { api } = harness;
    api.failNext("sendMessage", "429"); // retry_after: 1
    const posted = Date.now();
    await harness.post(textUpdate(1, "/start", { chatId: waiting }));
    await api.waitFor((calls) => calls.some((c) => c.status === 429));
    await harness.post(textUpdate(2, "/start", { chatId: other }));

    await api.waitFor(() => api.texts().length === 6, 5_000);
    const sent = api.callsOf("sendMessage").filter((c) => c.status === 200);
    const to = (chat: number) => sent.filter((c) => c.payload.chat_id === chat);
    expect(to(other).map((c) => c.payload.text)).toEqual(welcome);
    expect(to(waiting).map((c) => c.payload.text)).toEqual(welcome); // the refused one again, then the rest
    // The other chat did not wait behind the flood wait of the first one.
    expect(sent.indexOf(to(other).at(-1)!)).toBeLessThan(sent.indexOf(to(waiting)[0]!));
    expect(Date.now() - posted).toBeGreaterThanOrEqual(1_000); // retry_after was respected
    const refused = api.callsOf("sendMessage").find((c) => c.status === 429)!;
    expect(refused.payload).toMatchObject({ chat_id: waiting, text: welcome[0] });
  });
});
