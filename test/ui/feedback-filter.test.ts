import { describe, expect, it } from "vitest";
import { DISAGREE, NO_FILTER, feedbackFacets, filterFeedback, ratingKey } from "../../ui/feedback/feedback-filter";
import { STARS, buildMap, comment, persona, rated, stage, touchpoint } from "../shared/builders";

const map = buildMap({
  stages: [stage("s1", "Checkout"), stage("s2", "Delivery")],
  touchpoints: [touchpoint("t1", "s1")],
  personas: [persona("p1")],
  feedback: [
    rated("f1", 1, STARS, { stageId: "s1", text: "Promo code rejected" }),
    rated("f2", 5, STARS, { touchpointId: "t1", text: "Fast checkout" }),
    comment("f3", "Parcel came late", { stageId: "s2", personaId: "p1" }),
    rated("f4", 4, STARS, { text: "No stage at all" }),
  ],
});

const ids = (indexes: Int32Array) => Array.from(indexes, (i) => map.feedback[i]?.id);

describe("filtering the feedback table", () => {
  it("shows everything without a filter", () => {
    expect(ids(filterFeedback(map, NO_FILTER))).toEqual(["f1", "f2", "f3", "f4"]);
  });

  it("filters by stage, counting a row by its touchpoint's stage as the metrics do", () => {
    expect(ids(filterFeedback(map, { ...NO_FILTER, stageId: "s1" }))).toEqual(["f1", "f2"]);
    expect(ids(filterFeedback(map, { ...NO_FILTER, stageId: "none" }))).toEqual(["f4"]);
  });

  it("filters by touchpoint, persona, rating and text", () => {
    expect(ids(filterFeedback(map, { ...NO_FILTER, touchpointId: "t1" }))).toEqual(["f2"]);
    expect(ids(filterFeedback(map, { ...NO_FILTER, personaId: "p1" }))).toEqual(["f3"]);
    expect(ids(filterFeedback(map, { ...NO_FILTER, rating: "text-only" }))).toEqual(["f3"]);
    const five = ratingKey(map.feedback[1] ?? { rating: null, scale: null }) ?? "";
    expect(ids(filterFeedback(map, { ...NO_FILTER, rating: five }))).toEqual(["f2"]);
    expect(ids(filterFeedback(map, { ...NO_FILTER, search: "  PARCEL " }))).toEqual(["f3"]);
  });

  it("combines filters", () => {
    expect(ids(filterFeedback(map, { ...NO_FILTER, stageId: "s1", rating: "rated", search: "promo" }))).toEqual(["f1"]);
  });

  it("lists the sources and ratings there are, with their counts", () => {
    const facets = feedbackFacets(map.feedback);
    expect(facets.ratings.map((r) => [r.rating, r.count])).toEqual([
      [1, 1],
      [4, 1],
      [5, 1],
    ]);
    expect(facets.sources.reduce((sum, s) => sum + s.count, 0)).toBe(4);
  });

  it("filters 200,000 rows to exactly the rows of a few that match, in order", () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ ...(map.feedback[i % 4] ?? map.feedback[0]!), id: `f${i}` }));
    const big = { ...map, feedback: rows };
    const filter = { ...NO_FILTER, stageId: "s1", search: "promo" };
    const small = Array.from(filterFeedback({ ...map, feedback: map.feedback.slice(0, 4) }, filter));
    expect(small.length).toBeGreaterThan(0);
    const expected = rows.flatMap((_, i) => (small.includes(i % 4) ? [i] : []));
    expect(Array.from(filterFeedback(big, filter))).toEqual(expected);
  });
});

describe("the rows whose rating and text disagree", () => {
  it("are those with a top rating and strongly negative text, or a bottom rating and strongly positive text, by their stored label", () => {
    const labelled = buildMap({
      feedback: [
        { ...rated("a", 5, STARS, { text: "awful" }), sentiment: -2 },
        { ...rated("b", 5, STARS, { text: "meh" }), sentiment: -1 },
        { ...rated("c", 1, STARS, { text: "wonderful" }), sentiment: 2 },
        { ...comment("d", "awful"), sentiment: -2 },
        rated("e", 5, STARS, { text: "not scored" }),
      ],
    });
    const found = filterFeedback(labelled, { ...NO_FILTER, rating: DISAGREE });
    expect(Array.from(found, (i) => labelled.feedback[i]?.id)).toEqual(["a", "c"]);
  });
});
