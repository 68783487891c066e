import { describe, expect, it } from "vitest";
import { localDay, withCurrentValue } from "../../shared/kpi-history";
import { kpi } from "./builders";

describe("a KPI's history", () => {
  it("adds each new current value with the day it was entered", () => {
    // The sample journey's convention: the history ends with the current value.
    const ctr = kpi("ctr", "s1", { current: 1.9, history: [{ date: "2026-09-01", value: 1.8 }, { date: "2026-10-01", value: 1.9 }] });
    const next = withCurrentValue(ctr, 2.1, "2026-11-03");
    expect(next.current).toBe(2.1);
    expect(next.history).toEqual([
      { date: "2026-09-01", value: 1.8 },
      { date: "2026-10-01", value: 1.9 },
      { date: "2026-11-03", value: 2.1 },
    ]);
    expect(ctr.history).toHaveLength(2); // the old KPI is not changed in place
  });

  it("records the value it replaces when the history does not have it, dated the day it last held", () => {
    const nps = kpi("nps", "s1", { current: 31, history: [] });
    expect(withCurrentValue(nps, 35, "2026-11-03").history).toEqual([
      { date: "2026-11-03", value: 31 },
      { date: "2026-11-03", value: 35 },
    ]);
  });

  it("treats a value replaced the same day as a correction, and keeps the history when the value is cleared", () => {
    const typo = withCurrentValue(kpi("k", "s1", { current: null }), 400, "2026-11-03");
    expect(typo.history).toEqual([{ date: "2026-11-03", value: 400 }]);
    const fixed = withCurrentValue(typo, 40, "2026-11-03");
    expect(fixed.history).toEqual([{ date: "2026-11-03", value: 40 }]);
    const later = withCurrentValue(fixed, 42, "2026-11-10");
    expect(later.history).toEqual([
      { date: "2026-11-03", value: 40 },
      { date: "2026-11-10", value: 42 },
    ]);
    expect(withCurrentValue(later, null, "2026-11-20")).toMatchObject({ current: null, history: later.history });
    expect(withCurrentValue(later, 42, "2026-11-20")).toBe(later);
  });

  it("dates by the person's calendar", () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});
