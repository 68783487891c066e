/**
 * The gap chart beside the map: per stage, importance and performance as paired bars on the
 * 1–5 scale, with the gap (importance − performance) written beside them; a gap above the map's
 * threshold reads "not met". Performance has its 95% interval's half-width beside its value, a
 * quiet "± x". When the journey uses derived importance (settings.importance, shared/importance.ts)
 * the legend and the subtitle say so. Auto layout throughout.
 */
import type { JourneyAnalysis, StageAnalysis } from "../../shared/analysis";
import { formatMargin, formatNumber, formatSigned } from "./format";
import { row, stack, textLayer } from "./primitives";
import { frame, rectangle, type FrameSpec, type NodeSpec } from "./spec";
import { COLOR, GAP_CHART, SIZE, TONE, TYPE, type Tone } from "./style";

const PADDING = 32;
const NAME_WIDTH = 120;
const GAP_WIDTH = 88;
const VALUE_WIDTH = 32;
/** Room for a quiet "± 0.35" after performance's value. */
const MARGIN_WIDTH = 40;
/** The bars' full length: what is left of the row after the name, the gap column, the values and the margins. */
export const BAR_LENGTH = SIZE.gapChartWidth - 2 * PADDING - NAME_WIDTH - GAP_WIDTH - VALUE_WIDTH - MARGIN_WIDTH - 3 * 16 - 2 * 8;
const BAR_HEIGHT = 12;

/** A bar's length for a value on 1–5: 1 is the axis, 5 the full length. */
export function barLength(value: number): number {
  return Math.max(2, Math.round(((Math.min(5, Math.max(1, value)) - 1) / 4) * BAR_LENGTH));
}

function bar(key: string, stageId: string, name: string, value: number | null, colour: string, margin: number | null = null): FrameSpec {
  const children: NodeSpec[] =
    value === null
      ? [textLayer(`${key}/value`, stageId, "Value", "no data", TYPE.meta)]
      : [
          rectangle({
            key: `${key}/bar`,
            role: "decoration",
            entity: stageId,
            name: "Bar",
            width: barLength(value),
            height: BAR_HEIGHT,
            style: { fill: colour, cornerRadius: 3 },
          }),
          textLayer(`${key}/value`, stageId, "Value", formatNumber(value), TYPE.metaPrimary, { width: VALUE_WIDTH }),
        ];
  if (value !== null && margin !== null) children.push(textLayer(`${key}/margin`, stageId, "Margin", formatMargin(margin), TYPE.meta, { width: MARGIN_WIDTH }));
  return row(key, name, 8, children, { entity: stageId, counterAlign: "CENTER" });
}

/** What a stage's gap says against the map's threshold, and its tone. */
export function gapVerdict(gap: number | null, threshold: number): { text: string; tone: Tone } {
  return gap === null ? { text: "no data", tone: TONE.grey } : gap > threshold ? { text: "not met", tone: TONE.red } : { text: "met", tone: TONE.green };
}

/**
 * A gap as the chart writes it: one decimal, or as many more as it takes for the
 * written number to fall on the same side of the threshold as the gap, so that "+0.5 not met"
 * never stands under "above 0.5 expectations are not met" (0.53 reads "+0.53").
 */
export function formatGap(gap: number, threshold: number): string {
  let digits = 1;
  while (digits < 6 && Number(gap.toFixed(digits)) > threshold !== gap > threshold) digits++;
  return formatSigned(gap, digits);
}

/** Whether the chart's importance is derived: chosen in the journey's settings, and derived for at least one touchpoint. */
export function showsDerivedImportance(importance: JourneyAnalysis["importance"] | undefined): boolean {
  return importance !== undefined && importance.source === "derived" && importance.derived.length > 0;
}

export function gapChartSubtitle(threshold: number, importance?: JourneyAnalysis["importance"]): string {
  const derived = showsDerivedImportance(importance)
    ? `Derived importance (1 + 4 × each touchpoint's correlation with ${importance?.outcome ?? "the outcome"}; stated where too few answered both)`
    : "Importance";
  return `${derived} against performance per stage, on 1–5. Gap = importance − performance; above ${formatNumber(threshold, 2)} expectations are not met.`;
}

function stageRow(stage: StageAnalysis, threshold: number): FrameSpec {
  const key = `gapChart/${stage.stageId}`;
  const gap = stage.gap;
  const verdict = gapVerdict(gap, threshold);
  return row(
    key,
    `Gap: ${stage.name}`,
    16,
    [
      textLayer(`${key}/name`, stage.stageId, "Stage", stage.name, TYPE.metaPrimary, { width: NAME_WIDTH }),
      stack(
        `${key}/bars`,
        "Bars",
        4,
        [
          bar(`${key}/importance`, stage.stageId, "Importance", stage.importance, GAP_CHART.importance),
          bar(`${key}/performance`, stage.stageId, "Performance", stage.performance, GAP_CHART.performance, stage.margins.performance),
        ],
        { entity: stage.stageId, width: BAR_LENGTH + 2 * 8 + VALUE_WIDTH + MARGIN_WIDTH },
      ),
      stack(
        `${key}/gap`,
        "Gap",
        0,
        [
          textLayer(`${key}/gap/value`, stage.stageId, "Gap", gap === null ? "–" : formatGap(gap, threshold), { ...TYPE.scoreValue, color: verdict.tone.text }, { managedColor: true }),
          textLayer(`${key}/gap/verdict`, stage.stageId, "Verdict", verdict.text, TYPE.meta),
        ],
        { entity: stage.stageId, width: GAP_WIDTH },
      ),
    ],
    { entity: stage.stageId, counterAlign: "CENTER", sizing: { horizontal: "FILL" }, padding: { top: 12, right: 0, bottom: 12, left: 0 } },
  );
}

function legendItem(key: string, label: string, colour: string): FrameSpec {
  return row(
    key,
    `Legend: ${label}`,
    6,
    [
      rectangle({ key: `${key}/swatch`, role: "decoration", entity: "", name: "Swatch", width: 12, height: 12, style: { fill: colour, cornerRadius: 3 } }),
      textLayer(`${key}/label`, "", "Label", label, TYPE.metaPrimary),
    ],
    { counterAlign: "CENTER" },
  );
}

export function gapChartFrame(mapId: string, stages: readonly StageAnalysis[], threshold: number, importance?: JourneyAnalysis["importance"]): FrameSpec {
  const rows: NodeSpec[] = [];
  stages.forEach((stage, index) => {
    if (index > 0)
      rows.push(
        rectangle({
          key: `gapChart/${stage.stageId}/divider`,
          role: "decoration",
          entity: stage.stageId,
          name: "Divider",
          width: SIZE.gapChartWidth - 2 * PADDING,
          height: 1,
          sizing: { horizontal: "FILL" },
          style: { fill: COLOR.border },
        }),
      );
    rows.push(stageRow(stage, threshold));
  });
  const axis = row(
    "gapChart/axis",
    "Scale",
    0,
    ["1", "2", "3", "4", "5"].map((tick) => textLayer(`gapChart/axis/${tick}`, "", `Tick ${tick}`, tick, TYPE.meta)),
    { primaryAlign: "SPACE_BETWEEN", width: BAR_LENGTH, sizing: { horizontal: "FIXED", vertical: "HUG" } },
  );
  return frame({
    key: "gapChart",
    role: "gap-chart",
    entity: mapId,
    name: "Gap chart",
    width: SIZE.gapChartWidth,
    layout: { mode: "VERTICAL", padding: PADDING, gap: 16 },
    sizing: { horizontal: "FIXED", vertical: "HUG" },
    style: { fill: COLOR.white, stroke: COLOR.border, strokeWeight: 1, cornerRadius: SIZE.mapRadius },
    children: [
      stack("gapChart/heading", "Heading", 4, [
        textLayer("gapChart/title", "", "Title", "Gap chart", { ...TYPE.sectionTitle, lineHeightPx: 28 }),
        textLayer(
          "gapChart/subtitle",
          "",
          "Subtitle",
          gapChartSubtitle(threshold, importance),
          TYPE.bodySecondary,
          { width: SIZE.gapChartWidth - 2 * PADDING },
        ),
      ]),
      row("gapChart/legend", "Legend", 16, [
        legendItem("gapChart/legend/importance", showsDerivedImportance(importance) ? "Derived importance" : "Importance", GAP_CHART.importance),
        legendItem("gapChart/legend/performance", "Performance", GAP_CHART.performance),
        textLayer("gapChart/legend/margin", "", "Legend: margin", "± 95% interval", TYPE.meta),
      ], { counterAlign: "CENTER" }),
      stack("gapChart/rows", "Stages", 0, rows, { sizing: { horizontal: "FILL" } }),
      row("gapChart/scale", "Scale row", 16, [
        frame({ key: "gapChart/scale/spacer", role: "decoration", entity: "", name: "Spacer", width: NAME_WIDTH, height: 1, children: [] }),
        axis,
      ]),
    ],
  });
}
