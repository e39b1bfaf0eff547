import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe("staff passwords", () => {
  it("verifies the right password and refuses others, with a fresh salt each time", async () => {
    const hash = await hashPassword("correct horse battery", cheap);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await hashPassword("correct horse battery", cheap)).not.toBe(hash);
  });

  it("uses the default (memory-hard) cost and refuses malformed hashes", async () => {
    expect(await hashPassword("x".repeat(12))).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
  });
});
