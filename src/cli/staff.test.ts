import { describe, expect, it } from "vitest";
import { verifyPassword } from "../staff/password.ts";
import { createMemoryStaffStore } from "../staff/staff-store.ts";
import { runStaffCommand } from "./staff.ts";

async function run(store: ReturnType<typeof createMemoryStaffStore>, ...args: string[]) {
  let out = "";
  const code = await runStaffCommand(args, store, (t) => (out += t));
  return { code, out };
}

describe("npm run staff", () => {
  it("adds an account with a printed password that verifies, lists it, resets and removes it", async () => {
    const store = createMemoryStaffStore();
    const added = await run(store, "add", "amira", "--role", "viewer");
    expect(added.code).toBe(0);
    const password = added.out.split("\n").at(-1)!;
    expect(await verifyPassword(password, (await store.find("amira"))!.passwordHash)).toBe(true);
    expect((await run(store, "list")).out).toMatch(/^amira\tviewer\t\d{4}-\d{2}-\d{2}$/);
    expect((await run(store, "add", "amira", "--role", "admin")).code).toBe(1);

    const reset = await run(store, "reset", "amira");
    expect(reset.code).toBe(0);
    const fresh = reset.out.split("\n").at(-1)!;
    const hash = (await store.find("amira"))!.passwordHash;
    expect(await verifyPassword(fresh, hash)).toBe(true);
    expect(await verifyPassword(password, hash)).toBe(false);

    expect((await run(store, "remove", "amira")).code).toBe(0);
    expect((await run(store, "remove", "amira")).out).toMatch(/no account named amira/);
    expect((await store.auditLog(10)).map((e) => e.action)).toEqual([
      "account_removed",
      "password_reset",
      "account_created",
    ]);
  });

  it("explains a missing role, a bad name and an unknown command", async () => {
    const store = createMemoryStaffStore();
    expect(await run(store, "add", "bo")).toMatchObject({
      code: 2,
      out: expect.stringMatching(/--role must be/),
    });
    expect(await run(store, "add", "b o", "--role", "admin")).toMatchObject({ code: 2 });
    expect(await run(store, "promote", "bo")).toMatchObject({
      code: 2,
      out: expect.stringMatching(/^Usage/),
    });
    expect(await store.count()).toBe(0);
  });
});
