/**
 * Numbers and dates as the map writes them: one decimal where a mean is shown, a true minus sign,
 * dates in words so that no locale reads them the wrong way round.
 */

/** A number with at most `digits` decimals, trailing zeros dropped ("4", "4.3", "95.1"). */
export function formatNumber(value: number, digits = 1): string {
  const rounded = Number(value.toFixed(digits));
  return String(Object.is(rounded, -0) ? 0 : rounded).replace("-", "−");
}

/** A signed value with one decimal ("+1.0", "−0.4", "0.0"), as the emotion curve and gaps show it. */
export function formatSigned(value: number, digits = 1): string {
  const fixed = Math.abs(value).toFixed(digits);
  if (Number(fixed) === 0) return (0).toFixed(digits);
  return `${value > 0 ? "+" : "−"}${fixed}`;
}

/**
 * The quiet "± x" the map writes beside a figure: the half-width of its 95% interval, with the
 * figure's own decimals ("± 9" beside a CSAT of 60%, "± 0.3" beside a performance of 3.4).
 */
export function formatMargin(halfWidth: number, digits = 1): string {
  return `± ${formatNumber(halfWidth, digits)}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "22 Nov 2026", in the person's local calendar. */
export function formatDate(date: Date): string {
  return `${date.getDate()} ${MONTHS[date.getMonth()] ?? ""} ${date.getFullYear()}`;
}

/** "1 response", "84 responses". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Initials for an avatar: "Maya Lindqvist" → "ML". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w !== "");
  const letters = words.length === 1 ? [words[0]?.charAt(0)] : [words[0]?.charAt(0), words[words.length - 1]?.charAt(0)];
  return letters.join("").toUpperCase();
}
