/**
 * A KPI's history: every value it has had, each with the day it was entered (seed method step 9,
 * implement and monitor). The current value is the history's last entry once it has one.
 */
import type { Kpi } from "./model";

/** Today in the person's calendar, as the model writes days (YYYY-MM-DD). */
export function localDay(date: Date = new Date()): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

/**
 * The KPI with a new current value, its history kept: the new value is added with `day`. The value
 * it replaces is added first, dated `day` (the last day it held: when it was entered is not known),
 * unless the history already ends with it; a value entered and replaced the same day was a
 * correction, and is replaced in the history too. Clearing the value keeps the history.
 */
export function withCurrentValue(kpi: Kpi, current: number | null, day: string): Kpi {
  if (current === kpi.current) return kpi;
  const history = [...kpi.history];
  const last = history[history.length - 1];
  if (kpi.current !== null && last?.value !== kpi.current) history.push({ date: day, value: kpi.current });
  else if (last !== undefined && last.date === day && last.value === kpi.current) history.pop();
  if (current !== null) history.push({ date: day, value: current });
  return { ...kpi, current, history };
}
