import { describe, expect, it } from "vitest";
import { FigureTable, rate, suppress, suppressed } from "./suppression.ts";

const k = 5;
const values = (o: Record<string, number>) => new Map(Object.entries(o));

describe("suppress", () => {
  it("hides figures from 1 to minCount - 1, never 0 or minCount", () => {
    expect([...suppress(values({ a: 0, b: 1, c: 4, d: 5, e: 100 }), [], k)].sort()).toEqual(["b", "c"]);
  });

  it("with minCount 1 hides nothing", () => {
    expect(suppress(values({ a: 1, b: 2 }), [{ total: "t", parts: ["a", "b"] }], 1).size).toBe(0);
  });

  it("hides a second part when one small part could be recovered by subtraction from the total", () => {
    // total 20 = 3 + 7 + 10: showing 7 and 10 would give away the 3.
    const hidden = suppress(
      values({ t: 20, a: 3, b: 7, c: 10 }),
      [{ total: "t", parts: ["a", "b", "c"] }],
      k,
    );
    expect([...hidden].sort()).toEqual(["a", "b"]); // the smallest other part goes
  });

  it("keeps hiding until the hidden parts together reach minCount", () => {
    // 1 + 2 hidden would still reveal "3 between them"; 6 joins them.
    const hidden = suppress(
      values({ t: 29, a: 1, b: 2, c: 6, d: 20 }),
      [{ total: "t", parts: ["a", "b", "c", "d"] }],
      k,
    );
    expect([...hidden].sort()).toEqual(["a", "b", "c"]);
  });

  it("hides the total when no other part is left to hide", () => {
    const hidden = suppress(values({ t: 9, a: 3, z: 0 }), [{ total: "t", parts: ["a", "z"] }], k);
    expect(hidden.has("t")).toBe(true);
  });

  it("a hidden total with every part shown gets a part hidden", () => {
    const hidden = suppress(values({ t: 12, a: 6, b: 6 }), [{ total: "t", parts: ["a", "b"] }], 13);
    expect(hidden.has("t")).toBe(true);
    expect(hidden.has("a") || hidden.has("b")).toBe(true);
  });

  it("follows chains: a cell hidden in one relation makes another relation unsafe", () => {
    // day1 = 3 (small) forces day2 hidden in the period; day2 = done2 + rest2 then needs a partner.
    const v = values({ period: 30, day1: 3, day2: 27, done2: 20, rest2: 7 });
    const hidden = suppress(
      v,
      [
        { total: "period", parts: ["day1", "day2"] },
        { total: "day2", parts: ["done2", "rest2"] },
      ],
      k,
    );
    expect(hidden.has("day2")).toBe(true);
    expect(hidden.has("rest2")).toBe(true); // otherwise day2 = done2 + rest2 in plain sight
  });
});

describe("FigureTable", () => {
  it("suppresses a figure that subtraction would reveal (completed of started)", () => {
    const t = new FigureTable();
    t.set("started", 12);
    t.set("completed", 9);
    t.relateWithRemainder("started", ["completed"], "not_completed");
    const shown = t.resolve(k);
    expect(shown("started")).toBe(12);
    expect(shown("completed")).toBe(suppressed); // 12 - 9 = 3 people would be exposed
    expect(rate(shown("completed"), shown("started"))).toBe(suppressed);
  });

  it("shows both when the difference is large enough", () => {
    const t = new FigureTable();
    t.set("started", 20);
    t.set("completed", 10);
    t.relateWithRemainder("started", ["completed"], "not_completed");
    const shown = t.resolve(k);
    expect([shown("started"), shown("completed"), rate(shown("completed"), shown("started"))]).toEqual([
      20, 10, 0.5,
    ]);
  });

  it("ignores a relation that does not add up (it reveals nothing)", () => {
    const t = new FigureTable();
    t.set("t", 10);
    t.set("a", 3);
    t.set("b", 8);
    t.relate("t", ["a", "b"]);
    const shown = t.resolve(k);
    expect([shown("t"), shown("a"), shown("b")]).toEqual([10, suppressed, 8]);
  });

  it("no displayed figure lets a reader recompute a suppressed one from a total", () => {
    // Brute force over small tables: whenever exactly one part is hidden and the total is shown,
    // the reader could subtract; the algorithm must never leave that state.
    for (let a = 0; a < 8; a++)
      for (let b = 0; b < 8; b++)
        for (let c = 0; c < 12; c++) {
          const t = new FigureTable();
          t.set("total", a + b + c);
          for (const [id, v] of Object.entries({ a, b, c })) t.set(id, v);
          t.relate("total", ["a", "b", "c"]);
          const shown = t.resolve(k);
          const hiddenParts = ["a", "b", "c"].filter((p) => shown(p) === suppressed);
          if (shown("total") !== suppressed && hiddenParts.length) {
            expect(hiddenParts.length, `a=${a} b=${b} c=${c}`).toBeGreaterThan(1);
            const sum = hiddenParts.reduce((s, p) => s + t.get(p), 0);
            expect(sum === 0 || sum >= k, `a=${a} b=${b} c=${c}`).toBe(true);
          }
          for (const p of ["a", "b", "c"])
            if (t.get(p) > 0 && t.get(p) < k) expect(shown(p)).toBe(suppressed);
        }
  });
});
