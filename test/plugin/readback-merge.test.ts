/**
 * The pure half of reading a map back (shared/score-text.ts, shared/canvas-edits.ts,
 * shared/rescore-summary.ts): what each canvas edit means for the model, without the emulator.
 */
import { describe, expect, it } from "vitest";
import { copyId, mergeCanvasEdits, type CanvasCard, type CanvasCell, type CanvasSnapshot } from "../../shared/canvas-edits";
import type { JourneyMap } from "../../shared/model";
import { parseJourneyMap } from "../../shared/model";
import { prioritise } from "../../shared/priority";
import { NOTIFY_LIMIT, rankChanges, rescoreSummary } from "../../shared/rescore-summary";
import { readScoreText } from "../../shared/score-text";
import { sampleJourney } from "./harness";

describe("reading a score typed on a card", () => {
  it.each([
    ["4", 4],
    [" 4 ", 4],
    ["4/5", 4],
    ["4 / 5", 4],
    ["★★★★", 4],
    ["★★★★☆", 4],
    ["⭐⭐⭐", 3],
    ["4.0", 4],
    ["４", 4],
    ["4 stars", 4],
    ["1", 1],
    ["5", 5],
  ])("reads %j as %d", (text, value) => {
    expect(readScoreText(text)).toEqual({ ok: true, value });
  });

  it.each([
    ["high", "'high' is not a number from 1 to 5"],
    ["7", "'7' is not a number from 1 to 5"],
    ["0", "'0' is not a number from 1 to 5"],
    ["", "the text is empty, not a number from 1 to 5"],
    ["   ", "the text is empty, not a number from 1 to 5"],
    ["🔥", "'🔥' is not a number from 1 to 5"],
    ["4.5", "'4.5' is not a whole number from 1 to 5"],
    ["8/10", "'8/10' is not on the 1–5 scale"],
    ["★★★★★★★", "'★★★★★★★' is not a number from 1 to 5"],
    ["n/a", "'n/a' is not a number from 1 to 5"],
  ])("refuses %j: %s", (text, reason) => {
    expect(readScoreText(text)).toEqual({ ok: false, reason });
  });
});

/** A canvas exactly as generation drew `model`: every card in its cell, every text as drawn. */
function drawnCanvas(model: JourneyMap): CanvasSnapshot & { cards: CanvasCard[] } {
  let next = 1;
  const id = () => `1:${next++}`;
  const cells = new Map<string, CanvasCell>();
  const cellOf = (laneId: string, stageId: string): CanvasCell => {
    const key = `${laneId}/${stageId}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { laneId, stageId, nodeId: id(), nodeName: key };
      cells.set(key, cell);
    }
    return cell;
  };
  const laneOf = (kind: string) => model.lanes.find((l) => l.kind === kind)?.id ?? "";
  const text = (nodeName: string, characters: string) => ({ nodeId: id(), nodeName, characters, drawn: characters });
  const cards: CanvasCard[] = [];
  for (const p of model.painPoints) {
    cards.push({
      kind: "painPoint",
      entity: p.id,
      nodeId: id(),
      nodeName: `Pain point: ${p.title}`,
      cell: cellOf(laneOf("painPoints"), p.stageId),
      texts: {
        title: text("Title", p.title),
        severity: text("Severity", String(p.severity)),
        frequency: text("Frequency", p.frequency === null ? "–" : String(p.frequency)),
        effort: text("Effort", String(p.effort)),
      },
    });
  }
  for (const n of model.notes) {
    cards.push({ kind: "note", entity: n.id, nodeId: id(), nodeName: "Note", cell: cellOf(n.laneId, n.stageId), texts: { text: text("Text", n.text) } });
  }
  for (const t of model.touchpoints) {
    cards.push({ kind: "touchpoint", entity: t.id, nodeId: id(), nodeName: `Touchpoint: ${t.name}`, cell: cellOf(laneOf("touchpoints"), t.stageId), texts: { name: text("Name", t.name) } });
  }
  for (const o of model.opportunities) {
    cards.push({ kind: "opportunity", entity: o.id, nodeId: id(), nodeName: `Opportunity: ${o.title}`, cell: cellOf(laneOf("opportunities"), o.stageId), texts: { title: text("Title", o.title) } });
  }
  for (const k of model.kpis) {
    cards.push({ kind: "kpi", entity: k.id, nodeId: id(), nodeName: `KPI: ${k.name}`, cell: cellOf(laneOf("kpis"), k.stageId), texts: { name: text("Name", k.name) } });
  }
  return {
    nodeId: "1:0",
    nodeName: `Journey map — ${model.title}`,
    cards,
    drawnCards: new Set(cards.map((c) => `${c.kind}/${c.entity}`)),
    cells,
    copyOfAnotherMap: false,
  };
}

function card(canvas: CanvasSnapshot & { cards: CanvasCard[] }, entity: string): CanvasCard {
  const found = canvas.cards.find((c) => c.entity === entity);
  if (!found) throw new Error(`no card ${entity}`);
  return found;
}

function edit(c: CanvasCard, field: string, characters: string): void {
  const text = c.texts[field];
  if (!text) throw new Error(`no ${field} on ${c.entity}`);
  (c.texts as Record<string, typeof text>)[field] = { ...text, characters };
}

describe("merging canvas edits into the stored model", () => {
  it("gives the stored model back unchanged when nothing was edited", () => {
    const model = sampleJourney();
    const merged = mergeCanvasEdits(model, drawnCanvas(model));
    expect(merged.model).toEqual(model);
    expect(merged.problems).toEqual([]);
    expect(merged.identities).toEqual([]);
  });

  it("reads edited scores tolerantly, keeps the old value of one it cannot read, and names the card", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    const promo = card(canvas, "pp_promo_code");
    edit(promo, "severity", " 5 ");
    edit(promo, "effort", "3/5");
    edit(card(canvas, "pp_size_guide"), "frequency", "★★");
    edit(card(canvas, "pp_delivery_window"), "severity", "high");
    const merged = mergeCanvasEdits(model, canvas);
    const byId = new Map(merged.model.painPoints.map((p) => [p.id, p]));
    expect(byId.get("pp_promo_code")).toMatchObject({ severity: 5, effort: 3 });
    expect(byId.get("pp_size_guide")?.frequency).toBe(2);
    expect(byId.get("pp_delivery_window")?.severity).toBe(5);
    const severity = card(canvas, "pp_delivery_window").texts.severity;
    expect(merged.problems).toEqual([
      {
        nodeId: severity?.nodeId,
        nodeName: "Severity",
        message: "Severity on 'No delivery window, parcels missed': 'high' is not a number from 1 to 5 (kept 5)",
      },
    ]);
    expect(merged.report.unreadable).toEqual(["Severity on 'No delivery window, parcels missed'"]);
    expect(merged.report.edited).toHaveLength(3);
  });

  it("reports an emptied score and an emptied title, keeping the old values", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    edit(card(canvas, "pp_promo_code"), "effort", "");
    edit(card(canvas, "pp_shipping_cost"), "title", "  ");
    const merged = mergeCanvasEdits(model, canvas);
    expect(merged.model).toEqual(model);
    expect(merged.problems.map((p) => p.message)).toEqual([
      "Effort on 'Promo code rejected at checkout': the text is empty, not a number from 1 to 5 (kept 2)",
      "Title of pain point 'Shipping cost shown only at the last step': the text is empty (kept the old title)",
    ]);
  });

  it("leaves a derived frequency derived while its text still shows what was drawn, and takes a typed one", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    expect(mergeCanvasEdits(model, canvas).model.painPoints.find((p) => p.id === "pp_tracking_stuck")?.frequency).toBeNull();
    edit(card(canvas, "pp_tracking_stuck"), "frequency", "4");
    expect(mergeCanvasEdits(model, canvas).model.painPoints.find((p) => p.id === "pp_tracking_stuck")?.frequency).toBe(4);
  });

  it("takes edited titles, note texts and names", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    edit(card(canvas, "pp_promo_code"), "title", "Promo codes fail  silently");
    const note = model.notes[0];
    const tp = model.touchpoints[0];
    const kpi = model.kpis[0];
    const opp = model.opportunities[0];
    if (!note || !tp || !kpi || !opp) throw new Error("sample changed");
    edit(card(canvas, note.id), "text", "Reads reviews first");
    edit(card(canvas, tp.id), "name", "Instagram ads");
    edit(card(canvas, kpi.id), "name", "Cart abandonment rate");
    edit(card(canvas, opp.id), "title", "Explain why a code fails");
    const merged = mergeCanvasEdits(model, canvas);
    expect(merged.model.painPoints[0]?.title).toBe("Promo codes fail silently");
    expect(merged.model.notes[0]?.text).toBe("Reads reviews first");
    expect(merged.model.touchpoints[0]?.name).toBe("Instagram ads");
    expect(merged.model.kpis[0]?.name).toBe("Cart abandonment rate");
    expect(merged.model.opportunities[0]?.title).toBe("Explain why a code fails");
    expect(merged.problems).toEqual([]);
  });

  it("moves a card dragged into another stage's cell of its lane, and a note into another note lane", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    const target = canvas.cells.get("lane_pain_points/stage_delivery");
    if (!target) throw new Error("no cell");
    card(canvas, "pp_promo_code").cell = target;
    const note = model.notes.find((n) => n.laneId === "lane_actions");
    const thoughts = canvas.cells.get("lane_thoughts/stage_advocacy");
    if (!note || !thoughts) throw new Error("sample changed");
    card(canvas, note.id).cell = thoughts;
    const merged = mergeCanvasEdits(model, canvas);
    expect(merged.model.painPoints.find((p) => p.id === "pp_promo_code")?.stageId).toBe("stage_delivery");
    expect(merged.model.notes.find((n) => n.id === note.id)).toMatchObject({ laneId: "lane_thoughts", stageId: "stage_advocacy" });
    expect(merged.report.moved).toHaveLength(2);
    expect(merged.problems).toEqual([]);
  });

  it("does not move a card dropped into a lane that does not show its kind, and says so", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    const promo = card(canvas, "pp_promo_code");
    promo.cell = canvas.cells.get("lane_opportunities/stage_delivery") ?? null;
    const merged = mergeCanvasEdits(model, canvas);
    expect(merged.model).toEqual(model);
    expect(merged.problems).toEqual([
      {
        nodeId: promo.nodeId,
        nodeName: promo.nodeName,
        message: `Pain point 'Promo code rejected at checkout' sits in the cell "lane_opportunities/stage_delivery", whose lane does not show pain points: it stays where it was`,
      },
    ]);
  });

  it("removes a deleted card from the model, clears references to it, and reports it at its cell", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    canvas.cards = canvas.cards.filter((c) => c.entity !== "pp_promo_code" && c.entity !== "tp_checkout_web");
    const merged = mergeCanvasEdits(model, canvas);
    expect(merged.model.painPoints.map((p) => p.id)).not.toContain("pp_promo_code");
    expect(merged.model.touchpoints.map((t) => t.id)).not.toContain("tp_checkout_web");
    expect(merged.model.opportunities.find((o) => o.id === "opp_promo_messages")?.painPointId).toBeNull();
    expect(merged.model.painPoints.some((p) => p.touchpointId === "tp_checkout_web")).toBe(false);
    // Feedback about the deleted touchpoint keeps its stage.
    const linked = model.feedback.filter((f) => f.touchpointId === "tp_checkout_web").map((f) => f.id);
    expect(linked.length).toBeGreaterThan(0);
    for (const f of merged.model.feedback.filter((r) => linked.includes(r.id))) {
      expect(f.touchpointId).toBeNull();
      expect(f.stageId).toBe("stage_checkout");
    }
    expect(parseJourneyMap(merged.model).ok).toBe(true);
    const cell = canvas.cells.get("lane_pain_points/stage_checkout");
    expect(merged.problems).toContainEqual({
      nodeId: cell?.nodeId,
      nodeName: cell?.nodeName,
      message: "Pain point 'Promo code rejected at checkout' was deleted from the canvas, so it was removed from the map",
    });
    expect(merged.report.deleted).toEqual(["Pain point 'Promo code rejected at checkout'", "Touchpoint 'Web checkout'"]);
  });

  it("does not count a card as deleted when the stored model does not draw it (a hidden lane)", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    canvas.cards = canvas.cards.filter((c) => c.kind !== "kpi");
    canvas.drawnCards = new Set([...canvas.drawnCards].filter((k) => !k.startsWith("kpi/")));
    expect(mergeCanvasEdits(model, canvas).model).toEqual(model);
  });

  it("turns the later of two cards with one entity into a new entity with a new id, right after the original", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    const original = card(canvas, "pp_size_guide");
    const copy: CanvasCard = { ...original, nodeId: "9:77", texts: { ...original.texts } };
    edit(copy, "title", "Size guide missing for kids");
    edit(copy, "severity", "2");
    canvas.cards.splice(canvas.cards.indexOf(original) + 1, 0, copy);
    const merged = mergeCanvasEdits(model, canvas);
    const ids = merged.model.painPoints.map((p) => p.id);
    expect(ids.indexOf("pp_size_guide_copy_9_77")).toBe(ids.indexOf("pp_size_guide") + 1);
    expect(merged.model.painPoints.find((p) => p.id === "pp_size_guide")).toEqual(model.painPoints.find((p) => p.id === "pp_size_guide"));
    expect(merged.model.painPoints.find((p) => p.id === "pp_size_guide_copy_9_77")).toMatchObject({
      title: "Size guide missing for kids",
      severity: 2,
      stageId: "stage_consideration",
    });
    expect(merged.identities).toEqual([{ nodeId: "9:77", kind: "painPoint", from: "pp_size_guide", to: "pp_size_guide_copy_9_77" }]);
    // The same canvas read twice gives the same ids.
    expect(mergeCanvasEdits(model, canvas).model).toEqual(merged.model);
  });

  it("gives a copied map frame a new map id", () => {
    const model = sampleJourney();
    const canvas = { ...drawnCanvas(model), nodeId: "5:1", copyOfAnotherMap: true };
    const merged = mergeCanvasEdits(model, canvas);
    expect(merged.model.id).toBe("map_northwind_online_order_copy_5_1");
    expect(merged.report.newMapId).toBe(merged.model.id);
  });

  it("reports a card the stored model does not know, and leaves it out", () => {
    const model = sampleJourney();
    const canvas = drawnCanvas(model);
    canvas.cards.push({ kind: "painPoint", entity: "pp_elsewhere", nodeId: "7:1", nodeName: "Pain point: From another file", cell: null, texts: {} });
    const merged = mergeCanvasEdits(model, canvas);
    expect(merged.model).toEqual(model);
    expect(merged.problems[0]?.message).toMatch(/Pain point card "Pain point: From another file" \(painPoint\/pp_elsewhere\) is not in the map/);
  });
});

describe("copy ids", () => {
  it("are unique and at most 64 characters", () => {
    const long = "x".repeat(64);
    const taken = new Set([`${long.slice(0, 53)}_copy_1_2`]);
    const id = copyId(long, "1:2", taken);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(taken.has(id)).toBe(false);
  });
});

describe("the re-score summary", () => {
  const report = { edited: [], unreadable: [], moved: [], deleted: [], duplicated: [], unknown: [], newMapId: null };

  it("puts the re-ranked count and the unreadable values first", () => {
    expect(rescoreSummary({ reranked: 3, requadranted: 0 }, { ...report, unreadable: ["Severity on 'Slow checkout'"] })).toBe(
      "3 pain points re-ranked, 1 value could not be read: Severity on 'Slow checkout'",
    );
    expect(rescoreSummary({ reranked: 0, requadranted: 0 }, report)).toBe("No pain point changed rank");
  });

  it("says first what a person must know: ranks, a deleted card, a value not read; then the rest", () => {
    const summary = rescoreSummary(
      { reranked: 12, requadranted: 2 },
      {
        ...report,
        unreadable: ["Severity on 'Slow checkout'", "Effort on 'Promo code'"],
        deleted: ["a"],
        duplicated: ["b"],
        moved: ["c"],
      },
    );
    expect(summary).toBe(
      "12 pain points re-ranked, 1 card deleted, 2 values could not be read: Severity on 'Slow checkout', Effort on 'Promo code', 2 changed quadrant, 1 duplicated, 1 moved",
    );
    expect(summary.slice(0, NOTIFY_LIMIT)).toContain("1 card deleted, 2 values could not be read: Severity on 'Slow checkout'");
  });

  it("counts rank and quadrant changes of pain points ranked before and after", () => {
    const model = sampleJourney();
    const after = JSON.parse(JSON.stringify(model)) as JourneyMap;
    const last = after.painPoints.find((p) => p.id === "pp_review_timing");
    if (!last) throw new Error("sample changed");
    last.severity = 5;
    last.frequency = 5;
    const changes = rankChanges(prioritise(model), prioritise(after));
    expect(changes.reranked).toBeGreaterThan(1);
    expect(changes.requadranted).toBe(1);
  });
});
