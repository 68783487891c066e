/**
 * Which column holds what: a guess from the header names (in several languages, and from the
 * question texts survey tools use as headers), which the person can then correct; and a signature
 * of the headers so the panel can remember a corrected mapping for the next file of the same kind.
 */
import type { RatingScale } from "../model";
import { SCALE_0_10, SCALE_1_5, SCALE_1_7 } from "./rating";

/** The fields an import fills, in the order they are guessed when two want the same column. */
export const MAPPED_FIELDS = [
  "rating",
  "text",
  "date",
  "stage",
  "touchpoint",
  "persona",
  "source",
  "scale",
  "kind",
  "responseId",
  "author",
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/**
 * The 0-based column of each field, or null when the file has none. `scale` (a per-row "1–5") and
 * `kind` (survey, review …) are only guessed from headers that say exactly that, as in this module's
 * own exports, so that an export imports back as it was. `responseId` is only guessed from headers
 * that name the response itself ("Response ID", "Ticket ID"), never a customer's or an order's id,
 * which many responses share. `author` says who wrote a row (the customer, or the company: author.ts).
 */
export type ColumnMapping = Record<MappedField, number | null>;

export const EMPTY_MAPPING: Readonly<ColumnMapping> = {
  rating: null,
  text: null,
  date: null,
  stage: null,
  touchpoint: null,
  persona: null,
  source: null,
  scale: null,
  kind: null,
  responseId: null,
  author: null,
};

/** Lower case, no accents, punctuation as spaces: "Date de création" and "date_de_creation" compare equal. */
export function normaliseHeader(header: string): string {
  return (
    header
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      // Recomposed: Korean syllables and Japanese voiced kana ("ご") are letters as written, not parts.
      .normalize("NFC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      // A Latin word beside Japanese, Chinese or Korean is a word of its own ("回答ID": "回答 id").
      .replace(CJK_THEN_LATIN, "$1 $2")
      .replace(LATIN_THEN_CJK, "$1 $2")
      .trim()
  );
}
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const CJK_THEN_LATIN = new RegExp(String.raw`([${CJK}])([a-z0-9])`, "gu");
const LATIN_THEN_CJK = new RegExp(String.raw`([a-z0-9])([${CJK}])`, "gu");

/**
 * Phrases per field with a weight, written already normalised (a test checks it); a phrase matches
 * whole words of the normalised header, and scores 5 more when it is the whole header. Phrases marked `exact` only match the whole header ("Scale" is a
 * column, "On a scale of 0–10, how likely …" is a rating question).
 */
export type HeaderClue = readonly [phrase: string, weight: number, exact?: "exact"];

export const HEADER_CLUES: Readonly<Record<MappedField, readonly HeaderClue[]>> = {
  rating: [
    ["rating", 10], ["ratings", 10], ["score", 8], ["nps", 10], ["stars", 10], ["star", 9], ["star rating", 11],
    ["csat", 10], ["ces", 9], ["satisfaction", 9], ["satisfied", 8], ["how likely", 9], ["recommend", 8], ["recommended", 8],
    ["voted up", 7], ["thumbs up", 7], ["overall", 6], ["points", 6],
    ["likelihood", 7], ["rate", 6], ["rated", 6], ["grade", 5], ["effort", 5], ["how easy", 7],
    ["bewertung", 9], ["zufriedenheit", 9], ["sterne", 9], ["punktzahl", 7], ["weiterempfehlen", 8],
    ["evaluation", 6], ["etoiles", 9], ["recommanderiez", 8],
    ["puntuacion", 9], ["valoracion", 9], ["calificacion", 9], ["estrellas", 9], ["satisfaccion", 9], ["recomendaria", 8],
    ["punteggio", 9], ["valutazione", 9], ["stelle", 9], ["voto", 7], ["soddisfazione", 9],
    ["beoordeling", 9], ["cijfer", 8], ["sterren", 9], ["tevredenheid", 9],
    ["avaliacao", 9], ["nota", 7], ["estrelas", 9], ["satisfacao", 9],
    ["満足度", 10], ["評価", 9], ["点数", 8], ["スコア", 8], ["评分", 10], ["满意度", 10], ["星级", 9], ["평점", 10],
    ["만족도", 10], ["별점", 10],
    // Russian, Polish, Turkish, Swedish, Danish and Norwegian, Czech.
    ["оценка", 9], ["реитинг", 9], ["ocena", 9], ["puan", 8], ["betyg", 9], ["vurdering", 8], ["hodnoceni", 9],
  ],
  text: [
    ["comment", 10], ["comments", 10], ["feedback", 9], ["review", 8], ["reviews", 8], ["review text", 11],
    ["text", 8], ["verbatim", 10], ["open ended response", 9], ["open ended", 8], ["response", 3], ["answer", 4],
    ["description", 7], ["message", 7], ["body", 6], ["content", 6], ["remark", 8], ["remarks", 8], ["notes", 6],
    ["suggestion", 8], ["suggestions", 8], ["improve", 6], ["better", 5], ["why", 5], ["tell us", 6],
    ["verbessern", 6], ["ameliorer", 6], ["mejorar", 6], ["migliorare", 6], ["verbeteren", 6], ["melhorar", 6],
    ["warum", 5], ["pourquoi", 5], ["por que", 5], ["perche", 5], ["waarom", 5],
    ["anything else", 6], ["opinion", 7], ["subject", 4], ["reason", 6],
    ["complaint", 8], ["complaints", 8], ["narrative", 9], ["complaint narrative", 11],
    // Review sites that ask for both sides (Glassdoor's "pros" and "cons", "likes" and "dislikes").
    ["pros", 8], ["cons", 8], ["likes", 7], ["dislikes", 7],
    ["kommentar", 10], ["kommentare", 10], ["anmerkung", 8], ["anmerkungen", 8], ["ruckmeldung", 9],
    // German "Bewertung" is a review's text as often as its rating: the text where another column is the rating ("Sterne").
    ["freitext", 9], ["bewertungstext", 10], ["bewertung", 4], ["commentaire", 10], ["commentaires", 10], ["avis", 8],
    ["remarque", 8], ["remarques", 8], ["texte", 8], ["comentario", 10], ["comentarios", 10], ["opinion", 7],
    ["resena", 9], ["texto", 8], ["commento", 10], ["commenti", 10], ["recensione", 9], ["testo", 8],
    ["opmerking", 9], ["opmerkingen", 9], ["toelichting", 8], ["reactie", 8], ["recensie", 9], ["beoordelingstekst", 10],
    ["rezension", 9], ["erfahrungsbericht", 9], ["resenha", 9], ["depoimento", 8],
    // Japanese, Chinese and Korean, written without spaces: matched inside the header ("ご意見・ご要望").
    ["コメント", 10], ["ご意見", 10], ["意見", 9], ["感想", 9], ["ご要望", 7], ["レビュー", 8], ["口コミ", 9], ["自由記述", 10],
    ["本文", 7], ["评论", 10], ["评价内容", 10], ["意见", 9], ["留言", 9], ["反馈", 9], ["의견", 9],
    ["리뷰", 8], ["후기", 9], ["코멘트", 10], ["내용", 6],
    ["комментарии", 10], ["отзыв", 9], ["komentarz", 10], ["opinia", 8], ["uwagi", 8], ["yorum", 10],
    ["yorumlar", 10], ["omdome", 8], ["anmeldelse", 8], ["komentar", 10],
  ],
  date: [
    ["date", 9], ["submitted at", 10], ["submitted", 9], ["submit date", 10], ["submission date", 10],
    ["date submitted", 10], ["created", 8], ["created at", 9], ["creation date", 9], ["timestamp", 10], ["datetime", 9],
    ["time", 5], ["response date", 10], ["review date", 10], ["end date", 8], ["start date", 6], ["started", 6], ["started at", 7],
    ["completed", 7], ["day", 5], ["year month", 8], ["month year", 8], ["datum", 9], ["zeitstempel", 10], ["erstellt", 8], ["eingereicht", 8],
    ["horodateur", 10], ["horodatage", 10], ["fecha", 9], ["marca temporal", 10], ["data", 5],
    ["informazioni cronologiche", 10], ["tijdstempel", 10], ["carimbo de data hora", 10],
    ["タイムスタンプ", 10], ["回答日時", 10], ["投稿日", 10], ["日時", 9], ["日付", 9], ["作成日", 9], ["日期", 9],
    ["提交时间", 10], ["时间", 6], ["날짜", 9], ["작성일", 9], ["일시", 8],
    ["дата", 9], ["отметка времени", 10], ["sygnatura czasowa", 10], ["tarih", 9], ["zaman damgası", 10], ["tidsstampel", 10],
    ["tidsstempel", 10], ["casova znacka", 10],
  ],
  stage: [
    ["stage", 10], ["journey stage", 11], ["phase", 9], ["step", 8], ["journey step", 10], ["etape", 9],
    ["etapa", 9], ["fase", 9], ["schritt", 8], ["stufe", 7], ["stadium", 7], ["journey", 5],
  ],
  touchpoint: [
    ["touchpoint", 10], ["touchpoints", 10], ["touch point", 10], ["channel", 9], ["kanal", 9],
    ["canal", 9], ["canale", 9], ["kanaal", 9], ["contact point", 9], ["point de contact", 9],
    ["punto de contacto", 9], ["kontaktpunkt", 9], ["interaction", 6],
  ],
  persona: [
    ["persona", 10], ["segment", 9], ["customer segment", 11], ["customer type", 10], ["user type", 10],
    ["type of customer", 10], ["customer group", 9], ["audience", 7], ["profile", 5], ["kundentyp", 10],
    ["kundensegment", 10], ["kundengruppe", 9], ["zielgruppe", 8], ["type de client", 10], ["profil", 6],
    ["tipo de cliente", 10], ["segmento", 9], ["tipo di cliente", 10], ["klanttype", 10], ["doelgroep", 8],
  ],
  source: [
    ["source", 10], ["platform", 9], ["origin", 9], ["store", 6], ["via", 6], ["medium", 6],
    ["quelle", 9], ["herkunft", 9], ["plattform", 9], ["plateforme", 9], ["origine", 9], ["fuente", 9],
    ["origen", 9], ["plataforma", 9], ["fonte", 9], ["bron", 9], ["herkomst", 9],
  ],
  scale: [
    ["scale", 10, "exact"], ["rating scale", 10, "exact"], ["skala", 10, "exact"], ["echelle", 10, "exact"],
    ["escala", 10, "exact"],
  ],
  kind: [
    ["kind", 10, "exact"], ["feedback kind", 10, "exact"], ["feedback type", 10, "exact"],
  ],
  responseId: [
    ["response id", 10, "exact"], ["responseid", 10, "exact"], ["respondent id", 10, "exact"], ["id", 8, "exact"],
    ["submission id", 10, "exact"], ["feedback id", 10, "exact"], ["review id", 10, "exact"], ["ticket id", 10, "exact"],
    ["ticket number", 10, "exact"], ["case id", 9, "exact"], ["complaint id", 10, "exact"], ["conversation id", 10, "exact"],
    ["comment id", 10, "exact"], ["tweet id", 9, "exact"], ["chat id", 10, "exact"], ["respondent", 9, "exact"], ["respondent number", 10, "exact"], ["ticket", 8, "exact"],
    ["participant", 8, "exact"], ["unique id", 9, "exact"],
    // Jira's issue key ("SD-104") names the ticket; its "Issue id" too, after it.
    ["issue key", 10, "exact"], ["issue id", 9, "exact"], ["case number", 10, "exact"],
    // Japanese, Chinese and Korean: the answer's, the review's or the respondent's id or number ("回答ID" is read as "回答 id").
    ["回答 id", 10, "exact"], ["回答番号", 10, "exact"], ["回答者 id", 10, "exact"], ["レビュー id", 10, "exact"], ["答卷编号", 10, "exact"],
    ["答卷 id", 10, "exact"], ["评论 id", 10, "exact"], ["评价 id", 10, "exact"], ["응답 id", 10, "exact"], ["응답 번호", 10, "exact"],
    ["응답자 id", 10, "exact"], ["리뷰 id", 10, "exact"],
  ],
  // Who wrote the row, in a conversation's or a ticket's messages (author.ts reads its values).
  author: [
    ["author type", 10, "exact"], ["author role", 10, "exact"], ["sender type", 10, "exact"], ["sender role", 10, "exact"],
    ["inbound", 10, "exact"], ["incoming", 10, "exact"], ["is inbound", 10, "exact"], ["from customer", 10, "exact"],
    ["is customer", 10, "exact"], ["author", 6, "exact"], ["sender", 6, "exact"], ["role", 5, "exact"],
  ],
};

const MIN_SCORE = 3;

/**
 * Identifier columns ("Respondent ID", "#", "Respondent") hold no feedback, whatever else their header
 * says: `name` as `normaliseHeader` writes it.
 */
export function isIdentifierName(name: string): boolean {
  return name === "" || name === "id" || name.endsWith(" id") || name === "no" || name === "number" || RESPONDENT.test(name);
}

/** "Respondent", "Respondent number", "Participant", "Ticket": the person who answered or the ticket, by number. */
const RESPONDENT = /^(?:respondent|participant|ticket|case)(?: (?:number|no|nr))?$/;

/**
 * Survey tools' own bookkeeping, which only looks like a field: Qualtrics' "Distribution Channel" is
 * how the survey was sent (anonymous link, email), not the customer's touchpoint.
 */
const BOOKKEEPING_HEADERS = new Set(["distribution channel", "distributionchannel"]);
/** Qualtrics' own fields ("Q_RecaptchaScore", "Q_RelevantIDFraudScore", "Q_Language"): its checks on a response, no answers. */
export const QUALTRICS_SYSTEM = /^Q_[A-Za-z]/;

/**
 * The company's answer to the customer ("Company public response", "Reply", "owner_answer") or its
 * staff's notes ("Internal comment", "Agent notes"): the company's words, never the customer's comment.
 * "Comments about the agent" are the customer's.
 */
const COMPANY_WORDS =
  /\b(?:repl(?:y|ies)|company(?: public)? response|response to (?:consumer|customer)|owner (?:answer|response)|internal|(?:agent|staff|admin) (?:notes?|comments?|remarks?))\b/;

/**
 * A date of the company's answer ("owner_answer_timestamp", "Company Reply Date"), not of the response,
 * or of a record's keeping ("dateAdded", "dateUpdated", "Last modified", "dateSeen": when a data set
 * added, changed or saw a product or a review).
 */
const COMPANY_DATE = /\b(?:repl(?:y|ies)|owner|company|added|updated|modified|seen)\b/;

/** A persona header that names a person, not a kind of customer (a review site's "ProfileName", "Profile ID"). */
const NOT_A_PERSONA = /\b(?:name|id)\b/;

/** A rating header naming a figure worked out from many ratings ("Average_Score", "Mean rating"), not one response's. */
const AGGREGATE_RATING = /\b(?:average|avg|mean|median)\b/;

/**
 * Whether a header names the customer's own words by a strong clue ("Review", "Comment", "Feedback",
 * "Negative_Review"): not by a weak one however whole ("Subject", "Description"), nor the company's words.
 */
export function namesCustomerText(header: string): boolean {
  const name = normaliseHeader(camelCaseApart(header));
  if (COMPANY_WORDS.test(name)) return false;
  const padded = ` ${name} `;
  return HEADER_CLUES.text.some(([phrase, weight]) => weight >= 8 && padded.includes(` ${phrase} `));
}

/**
 * Headers that name a field by its words and are not it: the company's words are no comment, the
 * date of its answer no row's date, an average no response's rating. The mapping reads them as naming
 * nothing, and the corrections by values in wide.ts never pick them (`namesOtherThan`).
 */
/** A short header naming a moment ("review_time", "Comment date"): a date, whatever else it names. */
const A_MOMENT = /^(?:\S+ ){0,2}(?:date|time|timestamp|datetime)$/;
const NOT_TEXT = new RegExp(`${COMPANY_WORDS.source}|${A_MOMENT.source}`);

const NOT_THE_FIELD: Partial<Record<MappedField, RegExp>> = { text: NOT_TEXT, date: COMPANY_DATE, rating: AGGREGATE_RATING, persona: NOT_A_PERSONA };

/** Whether a header (as written) names something that looks like `field` and is not it (see NOT_THE_FIELD). */
export function namesOtherThan(header: string, field: MappedField): boolean {
  return NOT_THE_FIELD[field]?.test(normaliseHeader(header)) === true;
}

/** Japanese, Chinese and Korean letters: their words are not parted by spaces. */
const NO_SPACES = new RegExp(`[${CJK}]`, "u");

function clueScore(header: string, field: MappedField): number {
  if (NOT_THE_FIELD[field]?.test(header) === true) return 0;
  const padded = ` ${header} `;
  let best = 0;
  for (const [phrase, weight, exact] of HEADER_CLUES[field]) {
    // A phrase of a script written without spaces is found inside the header's words.
    const within = exact === undefined && (NO_SPACES.test(phrase) ? header.includes(phrase) : padded.includes(` ${phrase} `));
    const score = header === phrase ? weight + 5 : within ? weight : 0;
    if (score > best) best = score;
  }
  return best;
}

/** How strongly a header names a field (0: not at all); the header as written, its camelCase words apart too. */
export function headerClueScore(header: string, field: MappedField): number {
  const score = clueScore(normaliseHeader(header), field);
  const apart = camelCaseApart(header);
  return apart === header ? score : Math.max(score, clueScore(normaliseHeader(apart), field));
}

/** A camelCase header's words apart: "reviewText" → "review Text", "reviewerID" → "reviewer ID", "NPSScore" → "NPS Score". */
export function camelCaseApart(header: string): string {
  return header.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2").replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2");
}

/**
 * Guesses the mapping from the headers: the best-scoring (field, column) pairs are taken first, each
 * field and column at most once; on a tie the field earlier in `MAPPED_FIELDS`, then the leftmost
 * column, wins. Headers that match nothing stay unmapped.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const candidates: { field: MappedField; column: number; score: number; order: number }[] = [];
  headers.forEach((raw, column) => {
    // A name made of two header rows ("EndDate — End Date", "Q1 — How satisfied …") is also read
    // part by part, so that a part that is a whole header by itself counts as one.
    const names = [raw, ...(raw.includes(" — ") ? raw.split(" — ") : [])].map(normaliseHeader);
    if (names.some((name) => BOOKKEEPING_HEADERS.has(name)) || QUALTRICS_SYSTEM.test(raw)) return;
    // "reviewText", "unixReviewTime", "reviewerID": words a JSON export joined, read apart too.
    const apart = normaliseHeader(camelCaseApart(raw));
    if (apart !== names[0]) names.push(apart);
    const identifier = isIdentifierName(names[0] ?? "") || isIdentifierName(apart);
    MAPPED_FIELDS.forEach((field, order) => {
      // An identifier column can only be the response's id.
      if (identifier && field !== "responseId") return;
      const score = Math.max(...names.map((name) => clueScore(name, field)));
      if (score >= MIN_SCORE) candidates.push({ field, column, score, order });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.order - b.order || a.column - b.column);
  const mapping: ColumnMapping = { ...EMPTY_MAPPING };
  const used = new Set<number>();
  for (const { field, column } of candidates) {
    if (mapping[field] !== null || used.has(column)) continue;
    mapping[field] = column;
    used.add(column);
  }
  return mapping;
}

/**
 * The scale a rating header implies: NPS and "how likely … recommend" are 0–10, CES and "how easy"
 * 1–7, stars and CSAT 1–5; null when the header does not say.
 */
/** "Recommend" in German, French, Spanish, Italian, Dutch and Portuguese, as word stems of a normalised header. */
const RECOMMEND_ELSEWHERE = [" empfehl", "weiterempfehl", " recommand", " recomend", " raccomand", " consiglier", " aanbevel", " aanraden"];

/**
 * The scale a header states after its question, "Satisfaction (1-10)", "Speed [1–7]", "Price (1 to 5)", or
 * before it, "On a scale from 0 to 10, …": from 0 or 1 up to at most 10, or up to 100 (a slider's). Null
 * when it states none.
 */
export function statedScale(header: string): RatingScale | null {
  const match = STATED_SCALE_AFTER.exec(header) ?? STATED_SCALE_BEFORE.exec(header);
  if (match === null) return null;
  const min = Number(match[1]);
  const max = Number(match[2]);
  return (min === 0 || min === 1) && max > min + 1 && (max <= 10 || max === 100) ? { min, max } : null;
}
/** A scale written after a question, "(1-10)", "[1–7]", "(1 to 5)"; `questionShortName` leaves it out of the name. */
export const STATED_SCALE_AFTER = /[([]\s*(\d+)\s*(?:-|–|—|to)\s*(\d+)\s*[)\]]\s*$/i;
/** A scale written before a question, "On a scale from 0 to 10, …"; `questionShortName` leaves it out of the name. */
export const STATED_SCALE_BEFORE = /^\s*on a scale (?:of|from)\s+(\d+)\s*(?:-|–|—|to)\s*(\d+)\s*,?\s*/i;

/** The scale to infer a column's ratings against: the one its header states, else the one its words hint. */
export function scaleHintOf(header: string): RatingScale | null {
  return statedScale(header) ?? ratingScaleHint(header);
}

export function ratingScaleHint(header: string): RatingScale | null {
  const padded = ` ${normaliseHeader(header)} `;
  const has = (phrase: string) => padded.includes(` ${phrase} `);
  // "How likely …" alone asks on any scale ("… to choose us for a meeting", 1–5): the answers tell.
  if (has("nps") || has("recommend") || RECOMMEND_ELSEWHERE.some((word) => padded.includes(word))) return SCALE_0_10;
  if (has("ces") || has("effort") || has("how easy")) return SCALE_1_7;
  if (has("stars") || has("star") || has("csat")) return SCALE_1_5;
  return null;
}

/** The columns of `exportFeedbackCsv`; `guessMapping` maps each of them back to its field. */
export const FEEDBACK_CSV_HEADERS = [
  "Date",
  "Rating",
  "Scale",
  "Text",
  "Stage",
  "Touchpoint",
  "Persona",
  "Source",
  "Kind",
  "Response ID",
] as const;

/**
 * Whether a header row is that of our own feedback export (also as written before it had the
 * "Response ID" column, and with segment columns after it): such a file is read exactly as written,
 * with no second header row looked for, whatever its first response says.
 */
export function isFeedbackExportHeader(header: readonly string[]): boolean {
  const columns = header.length === FEEDBACK_CSV_HEADERS.length - 1 ? FEEDBACK_CSV_HEADERS.slice(0, -1) : FEEDBACK_CSV_HEADERS;
  return header.length >= columns.length && columns.every((name, i) => header[i] === name);
}

/** The header this module's rejected-rows export appends; ignored by `headerSignature`. */
export const PROBLEM_HEADER = "Import problem";

/**
 * A short, stable name for a set of headers (normalised, in order, hashed with FNV-1a), so a mapping
 * the person corrected once is offered again for the next export from the same tool. A trailing
 * "Import problem" column (our own rejected-rows export) and trailing empty headers are ignored, so a
 * file of fixed rejected rows is recognised as the file it came from.
 */
export function headerSignature(headers: readonly string[]): string {
  const names = headers.map(normaliseHeader);
  if (names.length > 0 && names[names.length - 1] === normaliseHeader(PROBLEM_HEADER)) names.pop();
  while (names.length > 0 && names[names.length - 1] === "") names.pop();
  const joined = names.join("\u001f");
  let hash = 0x811c9dc5;
  for (let i = 0; i < joined.length; i++) {
    hash ^= joined.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${names.length}:${hash.toString(16).padStart(8, "0")}`;
}

/**
 * The guess with the caller's corrections applied: a field given as a column index or null replaces
 * the guess, a field left out keeps it. A column index the file does not have is a caller bug, so it throws.
 */
export function applyMappingOverrides(
  guess: ColumnMapping,
  overrides: Partial<ColumnMapping> | undefined,
  columnCount: number,
): ColumnMapping {
  const mapping: ColumnMapping = { ...guess };
  if (overrides === undefined) return mapping;
  for (const field of MAPPED_FIELDS) {
    const column = overrides[field];
    if (column === undefined) continue;
    if (column !== null && (!Number.isInteger(column) || column < 0 || column >= columnCount)) {
      throw new RangeError(`mapping.${field} is column ${column}, but the file has columns 0 to ${columnCount - 1}`);
    }
    mapping[field] = column;
  }
  return mapping;
}
