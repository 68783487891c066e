import { describe, expect, it } from "vitest";
import { numberParser } from "../../ui/components/fields";

describe("number fields", () => {
  it("refuse a number too large to compute with (a KPI target of 1e308), as the model does", () => {
    const target = numberParser({ what: "The target", optional: false });
    expect(target("1e308")).toEqual({ ok: false, error: "The target must lie between −1,000,000,000,000 and 1,000,000,000,000" });
    expect(target("-2e12")).toEqual({ ok: false, error: "The target must lie between −1,000,000,000,000 and 1,000,000,000,000" });
    expect(target("1e12")).toEqual({ ok: true, value: 1e12 });
    expect(target("4,5")).toEqual({ ok: true, value: 4.5 });
  });
});
