/**
 * The change a stage header shows: its figures' change from the previous period to the last
 * (shared/trends.ts), written only where the change is real (significant at 95%): "▲ CSAT +6 pts
 * vs Feb 2026". A change that is not clear draws nothing, so the map stays quiet where the data is.
 */
import { FIGURE_NAME, changeText, periodLabel, type JourneyTrends } from "../../shared/trends";
import { COLOR, TONE } from "./style";

/** The stage's real changes in one line, and its colour (green when all rose, red when all fell); null when none. */
export function stageChangeText(trends: JourneyTrends, stageId: string): { text: string; color: string } | null {
  const real = (trends.byStage.get(stageId)?.changes ?? []).filter((c) => c.mark !== "no clear change");
  if (real.length === 0) return null;
  const previous = trends.periods[trends.periods.length - 2] as string;
  const text = `${real.map((c) => `${c.mark} ${FIGURE_NAME[c.figure]} ${changeText(c)}`).join(" · ")} vs ${periodLabel(previous, trends.period)}`;
  const color = real.every((c) => c.mark === "▲") ? TONE.green.text : real.every((c) => c.mark === "▼") ? TONE.red.text : COLOR.textPrimary;
  return { text, color };
}
