/**
 * Reading dates as exports write them: ISO ("2024-03-05", "2024-03-05T10:22:13Z"), US ("03/05/2024",
 * "3/5/2024 10:22:13 AM"), European ("05.03.2024", "05/03/2024"), Google Forms ("2024/03/05 10:22:13 AM GMT+1")
 * and with month names ("Mar 5, 2024", "5 March 2024", "5. März 2024"). Output is "YYYY-MM-DD" as
 * written, never shifted by a time zone.
 *
 * "05/03/2024" is 5 March in Europe and May 3 in the US: the value alone cannot tell, so it is read
 * as ambiguous and the importer decides with the other rows of the column (a "13/03/2024" somewhere
 * settles it) or reports it.
 */

export type DateOrder = "day-first" | "month-first";

export type DateReading =
  | { kind: "empty" }
  /** `order` is set when the value itself proves how its column writes dates ("13/03/2024" is day-first). */
  | { kind: "date"; iso: string; order: DateOrder | null }
  | { kind: "ambiguous"; monthFirst: string; dayFirst: string }
  | { kind: "unreadable" };

const EMPTY: DateReading = { kind: "empty" };
const UNREADABLE: DateReading = { kind: "unreadable" };

/**
 * What may follow the date: a time with seconds, fractions, AM/PM and a zone ("Z", "+01:00", "GMT+1",
 * "(UTC)"). The time is checked, never kept: the date is the day as written.
 */
const TIME = /^(?:(?:T|\s+|,\s*)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s*(?:Z|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5}|\([^)]*\)))?)?$/;
const WORD = String.raw`\p{L}+`;
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
/** "Mar 5, 2024", "March 5th, 2024", "Tuesday, March 5, 2024". */
const MONTH_NAME_FIRST = new RegExp(String.raw`^(?:${WORD}\.?,?\s+)?(${WORD})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`, "u");
/** "5 March 2024", "05-Mar-2024", "5. März 2024", "5 de marzo de 2024", "Tue, 5 Mar 2024". */
const DAY_FIRST_NAME = new RegExp(
  String.raw`^(?:${WORD}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th|\.)?[\s-]+(?:de\s+)?(${WORD})\.?(?:\s+de)?[\s-]+(\d{4}|\d{2})$`,
  "u",
);

/** Month names and abbreviations in English, German, French, Spanish, Italian, Dutch and Portuguese, without accents. */
const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, "january jan januar janvier janv enero ene gennaio gen januari janeiro"],
      [2, "february feb februar fevrier fevr fev febrero febbraio februari fevereiro"],
      [3, "march mar marz maerz mrz mars marzo maart mrt marco"],
      [4, "april apr avril avr abril abr aprile"],
      [5, "may mai mayo maggio mag mei maio"],
      [6, "june jun juni juin junio giugno giu junho"],
      [7, "july jul juli juillet juil julio luglio lug julho"],
      [8, "august aug aout agosto ago augustus"],
      [9, "september sep sept septembre septiembre setiembre settembre set setembro"],
      [10, "october oct oktober okt octobre octubre ottobre ott outubro out"],
      [11, "november nov novembre noviembre novembro"],
      [12, "december dec dezember dez decembre diciembre dic dicembre dezembro"],
    ] as const
  ).flatMap(([month, names]) => names.split(" ").map((name): [string, number] => [name, month])),
);

function monthNumber(name: string): number | undefined {
  return MONTHS.get(
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase(),
  );
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null;
  const days = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day > days) return null;
  return `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Two-digit years are this century up to 69, the last one from 70: feedback is recent. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

/**
 * Where the time starts in a date cell: before the separator ("T", spaces, a comma) that precedes the
 * hour of the first "hh:mm"; the whole length when there is no time. Lets timestamps that share a
 * day share the work of reading it.
 */
function timeStart(text: string): number {
  const colon = text.indexOf(":");
  if (colon < 0) return text.length;
  let hour = colon;
  while (hour > 0 && isDigit(text.charCodeAt(hour - 1))) hour--;
  if (hour === colon) return text.length;
  let start = hour;
  while (start > 0 && isTimeSeparator(text.charCodeAt(start - 1))) start--;
  return start;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isTimeSeparator(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x2c || code === 0x54; // space, tab, comma, T
}

/**
 * Reads one date cell. With `order`, a day/month-ambiguous value is read that way; without it,
 * it comes back as "ambiguous" with both readings.
 */
export function readDate(raw: string, order: DateOrder | null = null): DateReading {
  const text = raw.trim();
  if (text === "") return EMPTY;
  const split = timeStart(text);
  if (split < text.length && !TIME.test(text.slice(split))) return UNREADABLE;
  return readDay(split < text.length ? text.slice(0, split) : text, order);
}

/** Reads the date part of a cell, its time already checked and cut off. */
function readDay(text: string, order: DateOrder | null): DateReading {
  let match = YEAR_FIRST.exec(text);
  if (match !== null) return dated(isoDate(Number(match[1]), Number(match[2]), Number(match[3])), null);

  match = NUMERIC.exec(text);
  if (match !== null) {
    const first = Number(match[1]);
    const second = Number(match[3]);
    const year = fullYear(match[4] ?? "");
    // Dotted dates are European: "05.03.2024" is 5 March, whatever the rest of the file says.
    if (match[2] === ".") return dated(isoDate(year, second, first), null);
    const monthFirst = isoDate(year, first, second);
    const dayFirst = isoDate(year, second, first);
    if (monthFirst !== null && dayFirst !== null) {
      if (monthFirst === dayFirst || order === "month-first") return dated(monthFirst, null);
      if (order === "day-first") return dated(dayFirst, null);
      return { kind: "ambiguous", monthFirst, dayFirst };
    }
    if (monthFirst !== null) return dated(monthFirst, "month-first");
    if (dayFirst !== null) return dated(dayFirst, "day-first");
    return UNREADABLE;
  }

  match = MONTH_NAME_FIRST.exec(text);
  if (match !== null) {
    const month = monthNumber(match[1] ?? "");
    if (month !== undefined) return dated(isoDate(Number(match[3]), month, Number(match[2])), null);
  }
  match = DAY_FIRST_NAME.exec(text);
  if (match !== null) {
    const month = monthNumber(match[2] ?? "");
    if (month !== undefined) return dated(isoDate(fullYear(match[3] ?? ""), month, Number(match[1])), null);
  }
  return UNREADABLE;
}

function dated(iso: string | null, order: DateOrder | null): DateReading {
  return iso === null ? UNREADABLE : { kind: "date", iso, order };
}

/**
 * Creates a reader that remembers each distinct day: a column of 200,000 timestamps has a few hundred
 * days, so each is read once and its ISO text shared by every row on it. The time is still checked per cell.
 */
export function createDateReader(order: DateOrder | null = null): (raw: string) => DateReading {
  const days = new Map<string, DateReading>();
  return (raw) => {
    const text = raw.trim();
    if (text === "") return EMPTY;
    const split = timeStart(text);
    if (split < text.length && !TIME.test(text.slice(split))) return UNREADABLE;
    const day = split < text.length ? text.slice(0, split) : text;
    let reading = days.get(day);
    if (reading === undefined) {
      reading = readDay(day, order);
      if (days.size < 10_000) days.set(day, reading);
    }
    return reading;
  };
}

/** "5 March 2024", to spell out both readings of an ambiguous date. */
export function describeIsoDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTH_NAMES[(month ?? 1) - 1]} ${year}`;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
