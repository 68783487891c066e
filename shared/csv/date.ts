/**
 * Reading dates as exports write them: ISO ("2024-03-05", "2024-03-05T10:22:13Z"), US ("03/05/2024",
 * "3/5/2024 10:22:13 AM"), European ("05.03.2024", "05/03/2024"), Google Forms ("2024/03/05 10:22:13 AM GMT+1")
 * with month names ("Mar 5, 2024", "5 March 2024", "5. März 2024"), Twitter's ("Wed Oct 10 20:19:24 +0000
 * 2018") and in Japanese, Chinese and Korean ("2024年3月5日", "2024. 3. 5. 오후 2:15:00"). Output is "YYYY-MM-DD" as
 * written, never shifted by a time zone. Unix time ("1303862400", seconds or milliseconds) is read as
 * its day in UTC.
 *
 * "05/03/2024" is 5 March in Europe and May 3 in the US: the value alone cannot tell, so it is read
 * as ambiguous and the importer decides with the other rows of the column (a "13/03/2024" somewhere
 * settles it) or reports it.
 */
import { isNoAnswerWord, isPlaceholder } from "./words";

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
 * "(UTC)", or a zone and its name as a browser writes a date: "GMT+0100 (Central European Standard
 * Time)"). The time is checked, never kept: the date is the day as written.
 */
const TIME = /(?:T|\s+|,\s*)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s*(?:Z|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5}))?(?:\s*\([^)]*\))?$/y;
const WORD = String.raw`\p{L}+`;
/** "Mar 5, 2024", "March 5th, 2024", "Tuesday, March 5, 2024". */
const MONTH_NAME_FIRST = new RegExp(String.raw`^(?:${WORD}\.?,?\s+)?(${WORD})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`, "u");
/**
 * "5 March 2024", "05-Mar-2024", Jira's "05/Mar/24", "5. März 2024", "5 de marzo de 2024", "Tue, 5 Mar 2024",
 * and with the year's mark as Russian and Polish write it: "5 марта 2024 г.", "5 marca 2024 r.".
 */
const DAY_FIRST_NAME = new RegExp(
  String.raw`^(?:${WORD}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th|\.)?[\s/-]+(?:de\s+)?(${WORD})\.?(?:\s+de)?[\s/-]+(\d{4}|\d{2})(?:\s*[гr]\.?)?$`,
  "u",
);

/** A month and its year ("March 2026", a stay's month as a travel site writes it): read as the month's first day. */
const MONTH_YEAR = new RegExp(String.raw`^(${WORD})\.?,?\s+(\d{4})$`, "u");
/** A month as numbers ("2019-4", "2019-04", "04/2019", a review's "Year_Month"): read as the month's first day. */
const NUMERIC_MONTH = /^(?:(\d{4})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{4}))$/;
/** Month, day, comma, year as numbers ("02 28, 2014": Amazon's review data sets' `reviewTime`). */
const MONTH_DAY_COMMA_YEAR = /^(\d{1,2})\s(\d{1,2}),\s*(\d{4})$/;
/** A day as eight digits, year first ("20240305", as ERP and data warehouse exports write it). */
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
/** Words that introduce a date, as scraped reviews write it: "Reviewed in the United States on March 3, 2026", "Date of experience: March 3, 2026". */
const INTRODUCED = /^.*(?:\son|:)\s+(\S.*)$/is;

/**
 * The time between the day and the year, as Twitter's API ("Wed Oct 10 20:19:24 +0000 2018") and C's
 * `ctime` write it, with a zone or none ("Mon Apr 06 22:19:45 PDT 2009", Sentiment140's).
 */
const YEAR_LAST = new RegExp(String.raw`^(?:${WORD},?\s+)?(${WORD})\.?\s+(\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+(?:[+-]\d{4}|[A-Z]{2,5}))?\s+(\d{4})$`, "u");
/** A day as Japanese, Chinese and Korean write it: "2024年3月5日", "2024년 3월 5일", "2024. 3. 5.". */
const CJK_DAY = /^(\d{4})\s*[年년.]\s*(\d{1,2})\s*[月월.]\s*(\d{1,2})\s*[日일.]?$/;
/** Morning and afternoon before the time, in Korean, Japanese and Chinese ("2024. 3. 5. 오후 2:15:00", "2024/3/5 下午2:15:00"). */
const CJK_MERIDIEM = /\s*(?:오전|오후|午前|午後|上午|下午)$/;
/** … and glued to its time ("下午2:15:00"), which the time check then does not find. */
const CJK_MERIDIEM_GLUED = /\s*(?:오전|오후|午前|午後|上午|下午)\d{1,2}:\d{2}(?::\d{2})?$/;

/**
 * Month names and abbreviations in English, German, French, Spanish, Italian, Dutch and Portuguese,
 * Swedish, Danish, Norwegian and Finnish, Polish, Czech, Turkish and Russian (named and as a date
 * writes them: "5 marca", "5. března", "5 марта"), without accents.
 */
const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, "january jan januar janvier janv enero ene gennaio gen januari janeiro tammikuu tammikuuta stycznia styczen sty ledna leden ocak января январь янв"],
      [2, "february feb februar fevrier fevr fev febrero febbraio februari fevereiro helmikuu helmikuuta lutego luty lut unora unor subat февраля февраль фев"],
      [3, "march mar marz maerz mrz mars marzo maart mrt marco marts maaliskuu maaliskuuta marca marzec brezna brezen mart марта март"],
      [4, "april apr avril avr abril abr aprile huhtikuu huhtikuuta kwietnia kwiecien kwi dubna duben nisan апреля апрель апр"],
      [5, "may mai mayo maggio mag mei maio maj toukokuu toukokuuta maja kvetna kveten mayıs mayis мая маи"],
      [6, "june jun juni juin junio giugno giu junho kesakuu kesakuuta czerwca czerwiec cze cervna cerven haziran июня июнь июн"],
      [7, "july jul juli juillet juil julio luglio lug julho heinakuu heinakuuta lipca lipiec lip cervence cervenec temmuz июля июль июл"],
      [8, "august aug aout agosto ago augustus augusti elokuu elokuuta sierpnia sierpien sie srpna srpen agustos августа август авг"],
      [9, "september sep sept septembre septiembre setiembre settembre set setembro syyskuu syyskuuta wrzesnia wrzesien wrz zari eylul сентября сентябрь сен сент"],
      [10, "october oct oktober okt octobre octubre ottobre ott outubro out lokakuu lokakuuta pazdziernika pazdziernik paz rijna rijen ekim октября октябрь окт"],
      [11, "november nov novembre noviembre novembro marraskuu marraskuuta listopada listopad lis listopadu kasım kasim ноября ноябрь ноя нояб"],
      [12, "december dec dezember dez decembre diciembre dic dicembre dezembro joulukuu joulukuuta grudnia grudzien gru prosince prosinec aralık aralik декабря декабрь дек"],
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
function fullYear(year: number, digits: number): number {
  if (digits > 2) return year;
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

/** Whether the text from `start` on is a time the date may carry; the sticky regex needs no substring. */
function isTime(text: string, start: number): boolean {
  if (start >= text.length) return true;
  if (isPlainTime(text, start)) return true;
  TIME.lastIndex = start;
  return TIME.test(text);
}

/**
 * The time most exports write, read by its characters (a file's every row has one): "T" or spaces,
 * then H:MM or HH:MM, maybe :SS, and nothing after. Every such text is one `TIME` holds; any other
 * (seconds' fractions, AM/PM, a zone) is left to it.
 */
function isPlainTime(text: string, start: number): boolean {
  let at = start;
  if (text.charCodeAt(at) === 0x54) at++;
  else while (text.charCodeAt(at) === 0x20) at++;
  if (at === start || !isDigit(text.charCodeAt(at))) return false;
  at += isDigit(text.charCodeAt(at + 1)) ? 2 : 1;
  // Minutes, then maybe seconds.
  for (let part = 0; part < 2 && (part === 0 || at < text.length); part++) {
    if (text.charCodeAt(at) !== 0x3a || !isDigit(text.charCodeAt(at + 1)) || !isDigit(text.charCodeAt(at + 2))) return false;
    at += 3;
  }
  return at === text.length;
}

/** Index of a numeric date's separator in "/-.", or -1. */
function separatorIndex(code: number): number {
  return code === 0x2f ? 0 : code === 0x2d ? 1 : code === 0x2e ? 2 : -1;
}

/**
 * A numeric date ("2024-03-05", "3/5/2024", "05.03.24") up to `end`, scanned without a regex or a
 * substring, as one small integer: its shape and separator, then its three numbers. -1 when the text
 * is not one. The integer is both the cache key and all `readNumericDay` needs.
 */
function scanNumericDay(text: string, end: number): number {
  let i = 0;
  let first = 0;
  while (i < end && isDigit(text.charCodeAt(i))) first = first * 10 + text.charCodeAt(i++) - 0x30;
  const firstDigits = i;
  const separatorCode = text.charCodeAt(i);
  const separator = separatorIndex(separatorCode);
  if (firstDigits === 0 || firstDigits === 3 || firstDigits > 4 || separator < 0) return -1;
  let second = 0;
  const secondStart = ++i;
  while (i < end && isDigit(text.charCodeAt(i))) second = second * 10 + text.charCodeAt(i++) - 0x30;
  const secondDigits = i - secondStart;
  if (secondDigits < 1 || secondDigits > 2 || text.charCodeAt(i) !== separatorCode) return -1;
  let third = 0;
  const thirdStart = ++i;
  while (i < end && isDigit(text.charCodeAt(i))) third = third * 10 + text.charCodeAt(i++) - 0x30;
  const thirdDigits = i - thirdStart;
  if (i !== end || thirdDigits < 1 || thirdDigits > 4) return -1;
  // Shape 0: year first (2024-03-05); 1: year last, four digits (3/5/2024); 2: year last, two digits (3/5/24).
  if (firstDigits === 4) return thirdDigits <= 2 ? (separator * 10000 + first) * 10000 + second * 100 + third : -1;
  if (thirdDigits !== 2 && thirdDigits !== 4) return -1;
  const shape = thirdDigits === 4 ? 1 : 2;
  return ((shape * 3 + separator) * 10000 + third) * 10000 + first * 100 + second;
}

function readNumericDay(key: number, order: DateOrder | null): DateReading {
  const low = key % 10000;
  const year = Math.floor(key / 10000) % 10000;
  const kind = Math.floor(key / 100000000);
  const shape = Math.floor(kind / 3);
  const dotted = kind % 3 === 2;
  const first = Math.floor(low / 100);
  const second = low % 100;
  if (shape === 0) return dated(isoDate(year, first, second), null);
  const fullYearValue = fullYear(year, shape === 1 ? 4 : 2);
  // Dotted dates are European: "05.03.2024" is 5 March, whatever the rest of the file says.
  if (dotted) return dated(isoDate(fullYearValue, second, first), null);
  const monthFirst = isoDate(fullYearValue, first, second);
  const dayFirst = isoDate(fullYearValue, second, first);
  if (monthFirst !== null && dayFirst !== null) {
    if (monthFirst === dayFirst || order === "month-first") return dated(monthFirst, null);
    if (order === "day-first") return dated(dayFirst, null);
    return { kind: "ambiguous", monthFirst, dayFirst };
  }
  if (monthFirst !== null) return dated(monthFirst, "month-first");
  if (dayFirst !== null) return dated(dayFirst, "day-first");
  return UNREADABLE;
}

/** Reads a date part written with a month name, its time already checked and cut off, maybe after words that introduce it. */
function readNamedDay(text: string): DateReading {
  // "2024/3/5 下午" before its time: the day without the afternoon.
  const meridiem = CJK_MERIDIEM.exec(text);
  if (meridiem !== null) return readDate(text.slice(0, meridiem.index));
  const cjk = CJK_DAY.exec(text);
  if (cjk !== null) return dated(isoDate(Number(cjk[1]), Number(cjk[2]), Number(cjk[3])), null);
  const reading = readMonthNameDay(text);
  if (reading.kind !== "unreadable") return reading;
  const introduced = INTRODUCED.exec(text)?.[1];
  return introduced === undefined ? reading : readMonthNameDay(introduced);
}

function readMonthNameDay(text: string): DateReading {
  let match = MONTH_NAME_FIRST.exec(text);
  if (match !== null) {
    const month = monthNumber(match[1] ?? "");
    if (month !== undefined) return dated(isoDate(Number(match[3]), month, Number(match[2])), null);
  }
  match = DAY_FIRST_NAME.exec(text);
  if (match !== null) {
    const month = monthNumber(match[2] ?? "");
    if (month !== undefined) return dated(isoDate(fullYear(Number(match[3]), (match[3] ?? "").length), month, Number(match[1])), null);
  }
  match = MONTH_YEAR.exec(text);
  if (match !== null) {
    const month = monthNumber(match[1] ?? "");
    if (month !== undefined) return dated(isoDate(Number(match[2]), month, 1), null);
  }
  match = NUMERIC_MONTH.exec(text);
  if (match !== null) return dated(isoDate(Number(match[1] ?? match[4]), Number(match[2] ?? match[3]), 1), null);
  match = MONTH_DAY_COMMA_YEAR.exec(text);
  if (match !== null) return dated(isoDate(Number(match[3]), Number(match[1]), Number(match[2])), null);
  match = COMPACT_DAY.exec(text);
  if (match !== null && Number(match[1]) >= 1900 && Number(match[1]) <= 2100) {
    return dated(isoDate(Number(match[1]), Number(match[2]), Number(match[3])), null);
  }
  return UNREADABLE;
}

/**
 * Reads one date cell. With `order`, a day/month-ambiguous value is read that way; without it,
 * it comes back as "ambiguous" with both readings.
 */
export function readDate(raw: string, order: DateOrder | null = null): DateReading {
  const text = raw.trim();
  if (text === "" || isMissingDate(text)) return EMPTY;
  const unix = unixDay(text);
  if (unix !== null) return unixDayReading(unix);
  const split = timeStart(text);
  if (!isTime(text, split)) return readYearLast(text);
  const key = scanNumericDay(text, split);
  return key >= 0 ? readNumericDay(key, order) : readNamedDay(text.slice(0, split));
}

/** A date whose year comes after its time (`YEAR_LAST`), or whose time follows the afternoon's word without a space ("下午2:15"); else unreadable. */
function readYearLast(text: string): DateReading {
  const glued = CJK_MERIDIEM_GLUED.exec(text);
  if (glued !== null) return readDate(text.slice(0, glued.index));
  const match = YEAR_LAST.exec(text);
  const month = match === null ? undefined : monthNumber(match[1] ?? "");
  return match === null || month === undefined ? UNREADABLE : dated(isoDate(Number(match[3]), month, Number(match[2])), null);
}

/** Whether a cell is a placeholder for no date ("NaT", "N/A", "missing"); one starting with a digit is not looked up, as none does. */
function isMissingDate(text: string): boolean {
  const first = text.charCodeAt(0);
  return !(first >= 0x30 && first <= 0x39) && (isPlaceholder(text) || isNoAnswerWord(text));
}

/** Unix time, as Amazon's review exports and many APIs write it: seconds (9–10 digits) or milliseconds (12–13) since 1970. */
const UNIX_TIME = /^(?:\d{9,10}|\d{12,13})$/;
/** Unix times from 1990 to 2100: a number of that many digits outside them is no date (an id, an amount). */
const UNIX_FROM = Date.UTC(1990, 0, 1) / 1000;
const UNIX_TO = Date.UTC(2100, 0, 1) / 1000;
const DAY_SECONDS = 86_400;

/** The day (days since 1970-01-01, UTC) of a cell written as Unix time, or null. */
function unixDay(text: string): number | null {
  // Most cells are no Unix time by their length alone ("2024-03-05 10:22" is 16): no regex runs for them.
  const length = text.length;
  if (length < 9 || length > 13 || length === 11 || !UNIX_TIME.test(text)) return null;
  const seconds = text.length >= 12 ? Number(text) / 1000 : Number(text);
  return seconds >= UNIX_FROM && seconds < UNIX_TO ? Math.floor(seconds / DAY_SECONDS) : null;
}

/** A spreadsheet's day number, whole or with the time as a fraction ("45356", "45356.4375"): 1990 to 2099. */
const SPREADSHEET_DAY = /^\d{5}(?:\.\d+)?$/;
const SPREADSHEET_FROM = 32_874;
const SPREADSHEET_TO = 73_051;
/** Day 0 of a spreadsheet's day numbers, 1899-12-30, in days since 1970 (Excel's, LibreOffice's and Google Sheets' alike). */
const SPREADSHEET_EPOCH = -25_569;

/**
 * The day (days since 1970-01-01) of a cell written as a spreadsheet's day number, or null: a date
 * column saved from a spreadsheet that showed it as a number. Read only in a column whose header names
 * a date, as a number of five digits is as often a postcode or an amount.
 */
export function spreadsheetDay(text: string): number | null {
  // Most cells of a date column are dates ("2024-03-05 10:22"), whose fifth character is no digit: no regex runs for them.
  const fifth = text.charCodeAt(4);
  if (text.length < 5 || fifth < 0x30 || fifth > 0x39 || !SPREADSHEET_DAY.test(text)) return null;
  const serial = Math.floor(Number(text));
  return serial >= SPREADSHEET_FROM && serial < SPREADSHEET_TO ? serial + SPREADSHEET_EPOCH : null;
}

/** A Unix time's day: in UTC, the only zone such a number names. */
function unixDayReading(day: number): DateReading {
  return { kind: "date", iso: new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 10), order: null };
}

function dated(iso: string | null, order: DateOrder | null): DateReading {
  return iso === null ? UNREADABLE : { kind: "date", iso, order };
}

/**
 * Creates a reader that remembers each distinct day: a column of 200,000 timestamps has a few hundred
 * days, so each is read once and its ISO text shared by every row on it. The time is still checked
 * per cell; numeric days are looked up by their scanned integer, without a substring (an ISO day in
 * one pass over its characters, as most exports write it). With `serials`,
 * a spreadsheet's day numbers are dates too (`spreadsheetDay`).
 */
export function createDateReader(order: DateOrder | null = null, serials = false): (raw: string) => DateReading {
  const numericDays = new Map<number, DateReading>();
  const namedDays = new Map<string, DateReading>();
  const unixDays = new Map<number, DateReading>();
  const numericDay = (key: number): DateReading => {
    let reading = numericDays.get(key);
    if (reading === undefined) {
      reading = readNumericDay(key, order);
      if (numericDays.size < 100_000) numericDays.set(key, reading);
    }
    return reading;
  };
  return (raw) => {
    // Most exports write ISO days: read in one pass, the cell as it is.
    const iso = isoDayKey(raw);
    if (iso >= 0) return numericDay(iso);
    const text = raw.trim();
    if (text === "") return EMPTY;
    const serial = serials ? spreadsheetDay(text) : null;
    if (serial !== null) return unixDayReading(serial);
    const unix = unixDay(text);
    if (unix !== null) {
      let reading = unixDays.get(unix);
      if (reading === undefined) {
        reading = unixDayReading(unix);
        if (unixDays.size < 100_000) unixDays.set(unix, reading);
      }
      return reading;
    }
    const split = timeStart(text);
    if (!isTime(text, split)) return readYearLast(text);
    const key = scanNumericDay(text, split);
    if (key >= 0) return numericDay(key);
    const day = text.slice(0, split);
    let reading = namedDays.get(day);
    if (reading === undefined) {
      // A placeholder for no date ("NaT", "N/A", "missing") is judged once, like a day.
      reading = split === text.length && isMissingDate(text) ? EMPTY : readNamedDay(day);
      if (namedDays.size < 10_000) namedDays.set(day, reading);
    }
    return reading;
  };
}

/**
 * The `scanNumericDay` key of an ISO day with nothing around it but a plain time ("2024-03-05",
 * "2024-03-05 10:22", "2024-03-05T10:22:13"), read in one pass; -1 for any other cell, which the
 * general reading then reads (the same key, or none).
 */
function isoDayKey(text: string): number {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return -1;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    year = year * 10 + digit;
  }
  const m1 = text.charCodeAt(5) - 0x30;
  const m2 = text.charCodeAt(6) - 0x30;
  const d1 = text.charCodeAt(8) - 0x30;
  const d2 = text.charCodeAt(9) - 0x30;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
  if (length > 10 && !isPlainTime(text, 10)) return -1;
  // Year first, "-" (separator 1): as scanNumericDay writes it.
  return (10000 + year) * 10000 + (m1 * 10 + m2) * 100 + d1 * 10 + d2;
}

/** The date order a header states: "Timestamp (mm/dd/yyyy)" is month first, "Date (DD.MM.YYYY)" day first; null when it states none. */
export function dateOrderOfHeader(header: string): DateOrder | null {
  if (/\bm{1,2}[/.-]d{1,2}\b/i.test(header)) return "month-first";
  if (/\bd{1,2}[/.-]m{1,2}\b/i.test(header)) return "day-first";
  return null;
}

/** A time counted back from when a page was read ("3 months ago", "a year ago", "yesterday"), as scraped reviews write it. */
const RELATIVE_TIME = /^(?:(?:an?|one|\d+)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|today|yesterday|just now)$/i;

/** Whether a date cell is a time relative to a day the file does not say ("3 months ago"): no date can be read from it. */
export function isRelativeTime(cell: string): boolean {
  return RELATIVE_TIME.test(cell.trim());
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
