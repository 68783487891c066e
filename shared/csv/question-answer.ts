/**
 * One answer per row: a survey exported "long" (a data warehouse's or a BI tool's survey table, a
 * spreadsheet unpivoted, pandas' `melt`: respondent, question, answer). Each row names its question in
 * one column and holds the answer in another: a number for a rating question, words for an open one.
 * Read as such, each question is a touchpoint with the scale its own answers show (the NPS question
 * 0–10), the words are comments, and a respondent's answers share the respondent's id. Without it,
 * no column reads as a rating or a text, and nothing was imported.
 */
import { type ColumnMapping, camelCaseApart, normaliseHeader } from "./columns";
import { readRating } from "./rating";
import { type ColumnProfile, questionShortName } from "./wide";
import { detectWordMap, isNoAnswerWord, wordKey } from "./words";

/** The columns of a file of one answer per row. */
export interface QuestionAnswerColumns {
  /** The column naming each row's question. */
  question: number;
  /** The column of the answers: numbers are ratings, words are comments. */
  answer: number;
  /** The respondent's id, shared by the rows of one respondent's answers; null when the file has none. */
  respondent: number | null;
  /**
   * The touchpoint names of the questions the file's head asks, by question as written: a readable
   * short name ("Recommend us to a friend", "Overall satisfaction"), or the question itself where two
   * share a short name. A question not listed is named as written.
   */
  names?: Readonly<Record<string, string>>;
}

const QUESTION_HEADER = /\b(?:questions?|item|attribute|variable|prompt|statement)\b/;
const ANSWER_HEADER = /\b(?:answers?|responses?|value|reply)\b/;
const RESPONDENT_HEADER = /\b(?:respondent|response|submission|participant|user|customer|visitor|contact)\b/;
/** Rows of the file's head looked at, at most. */
const HEAD_ROWS = 300;

/**
 * The columns of a file of one answer per row, from its header and the first rows; null for any other
 * file. It takes a column headed like a question ("Question", "question_text", "item", pandas'
 * "variable") whose values repeat, a column headed like an answer ("Answer", "Response", "value")
 * that holds numbers for at least one of the questions, and no other rating column.
 */
export function questionAnswerColumns(headers: readonly string[], head: readonly (readonly string[])[], mapping: ColumnMapping): QuestionAnswerColumns | null {
  const rows = head.slice(0, HEAD_ROWS);
  if (rows.length < 4) return null;
  const names = headers.map((header) => normaliseHeader(camelCaseApart(header)));
  const isId = (name: string) => /\bid\b/.test(name);
  for (let question = 0; question < headers.length; question++) {
    const name = names[question] ?? "";
    if (!QUESTION_HEADER.test(name) || isId(name)) continue;
    const asked = new Set(rows.map((row) => (row[question] ?? "").trim()).filter((cell) => cell !== ""));
    // Two questions or more, each asked more than once in the head.
    if (asked.size < 2 || asked.size * 2 > rows.length) continue;
    for (let answer = 0; answer < headers.length; answer++) {
      const answerName = names[answer] ?? "";
      if (answer === question || !ANSWER_HEADER.test(answerName) || isId(answerName)) continue;
      if (mapping.rating !== null && mapping.rating !== answer) continue;
      if (!answersSomeAsRatings(rows, question, answer)) continue;
      return { question, answer, respondent: respondentColumn(names, rows, question, answer, mapping), names: shortNames(asked) };
    }
  }
  return null;
}

/** Each question's short name, unless another question has the same one: then both are named as written. */
function shortNames(questions: ReadonlySet<string>): Record<string, string> {
  const byName = new Map<string, string[]>();
  for (const question of questions) {
    const name = questionShortName(question) || question;
    const same = byName.get(wordKey(name));
    if (same === undefined) byName.set(wordKey(name), [question]);
    else same.push(question);
  }
  const names: Record<string, string> = {};
  for (const same of byName.values()) for (const question of same) names[question] = same.length === 1 ? questionShortName(question) || question : question;
  return names;
}

/** Whether the answers to at least one question are ratings: numbers (all but a few), or the words of one scale. */
function answersSomeAsRatings(rows: readonly (readonly string[])[], question: number, answer: number): boolean {
  const byQuestion = new Map<string, { numbers: number; answered: number; words: Set<string> }>();
  for (const row of rows) {
    const asked = (row[question] ?? "").trim();
    const cell = row[answer] ?? "";
    if (asked === "" || cell.trim() === "" || isNoAnswerWord(cell)) continue;
    let counts = byQuestion.get(asked);
    if (counts === undefined) byQuestion.set(asked, (counts = { numbers: 0, answered: 0, words: new Set() }));
    counts.answered++;
    if (readRating(cell).kind === "number") counts.numbers++;
    else if (counts.words.size <= 64) counts.words.add(cell);
  }
  for (const [asked, { numbers, answered, words }] of byQuestion) {
    if (answered >= 2 && numbers >= answered * 0.8) return true;
    if (numbers === 0 && words.size >= 2 && words.size <= 64 && detectWordMap(words, asked) !== null) return true;
  }
  return false;
}

/**
 * The respondent's column: the response id guessed, else a column headed like a respondent's id whose
 * values each cover several rows. Null when none does.
 */
function respondentColumn(
  names: readonly string[],
  rows: readonly (readonly string[])[],
  question: number,
  answer: number,
  mapping: ColumnMapping,
): number | null {
  const repeats = (column: number) => {
    const values = new Set(rows.map((row) => (row[column] ?? "").trim()).filter((cell) => cell !== ""));
    return values.size >= 2 && values.size * 2 <= rows.length;
  };
  if (mapping.responseId !== null && mapping.responseId !== question && mapping.responseId !== answer && repeats(mapping.responseId)) return mapping.responseId;
  for (let column = 0; column < names.length; column++) {
    if (column === question || column === answer) continue;
    const name = names[column] ?? "";
    if (RESPONDENT_HEADER.test(name) && /\b(?:id|number|no)\b/.test(name) && repeats(column)) return column;
  }
  return null;
}

/**
 * The guessed mapping and roles of a file of one answer per row: the question is the touchpoint, the
 * answers the rating, the respondent the response id (a respondent's answers are one response);
 * a column guessed for one of these before gives it up.
 */
export function readAsAnswers(mapping: ColumnMapping, profiles: ColumnProfile[], columns: QuestionAnswerColumns): void {
  const roles: [number | null, "touchpoint" | "rating" | "responseId"][] = [
    [columns.question, "touchpoint"],
    [columns.answer, "rating"],
    [columns.respondent, "responseId"],
  ];
  for (const [column, role] of roles) {
    if (column === null) continue;
    for (const field of Object.keys(mapping) as (keyof ColumnMapping)[]) if (mapping[field] === column) mapping[field] = null;
    for (const profile of profiles) if (profile.role === role) profile.role = "ignore";
    mapping[role] = column;
    const profile = profiles[column];
    if (profile !== undefined) profile.role = role;
  }
}
