import { describe, expect, it } from "vitest";
import { describeResult } from "../../ui/sections/canvas";
import { sampleJourney } from "./sample";

describe("Canvas results in words", () => {
  it("say once how many values of a nonsense re-score could not be read (the list follows in the log)", () => {
    const model = sampleJourney();
    const summary = "No pain point changed rank, 3 values could not be read: Severity on 'A', Effort on 'B', Frequency on 'C'";
    const problems = ["A", "B", "C"].map((nodeName) => ({ nodeId: "1:1", nodeName, message: "“lots” is not a score from 1 to 5" }));
    const text = describeResult({ kind: "rescored", nodeId: "1:1", model, reranked: 0, problems, summary }, "Re-scoring", model);
    expect(text).toBe(`${summary}.`);
    expect(text.match(/could not be read/g)).toHaveLength(1);
  });
});
