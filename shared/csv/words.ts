/**
 * Ratings written as words: Likert labels ("Very satisfied", "Strongly disagree", "Extremely likely"),
 * binary satisfaction ("Good"/"Bad", "Satisfied"/"Unsatisfied", thumbs, "Yes"/"No" on "was this
 * helpful?") and the answers that mean "no answer" ("N/A", "Don't know", Zendesk's "Offered").
 *
 * A column is read as word ratings only when every label in it belongs to one family: "satisfied"
 * beside "neutral or dissatisfied" is a two-way label of its own, not a rating, unless the person maps it.
 * A word map is plain data (label → value on a scale) so the panel can show it and let it be edited.
 */
import type { RatingScale } from "../model";
import { camelCaseApart } from "./columns";

/** Labels (as `wordKey` writes them) and the value each stands for on `scale`. */
export interface WordMap {
  scale: RatingScale;
  /** `wordKey(label)` → value on `scale`. */
  values: Record<string, number>;
  /** "satisfaction", "agreement", "ease", "likelihood", "reaction", "quality", "happiness", "positivity", "three-point", "binary", or "custom" for one a person wrote. */
  family: string;
}

/** A label as words are compared: lower case, curly quotes straight, spaces collapsed, no trailing full stop. */
export function wordKey(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, " ")
    .replace(/[.!]+$/, "");
}

/**
 * No-answer words that may be followed by why ("N/A - did not use", "Don't know (never called)"), in
 * English, German, French, Spanish, Italian, Dutch and Portuguese.
 */
const NO_ANSWER_LEADING_WORDS: readonly string[] = [
  "na",
  "n/a",
  "n.a",
  "n. a",
  "#n/a",
  // pandas' and NumPy's missing value.
  "nan",
  "no answer",
  "not answered",
  "not applicable",
  "don't know",
  "dont know",
  "do not know",
  "i don't know",
  "prefer not to say",
  "not sure",
  // German, French, Spanish, Italian, Dutch, Portuguese: don't know, no answer, not applicable.
  "weiß nicht",
  "keine angabe",
  "k.a",
  "k. a",
  "nicht zutreffend",
  "ne sais pas",
  "je ne sais pas",
  "sans opinion",
  "sans réponse",
  "non applicable",
  "non concerné",
  "no sé",
  "no se",
  "no sabe",
  "ns/nc",
  "no aplica",
  "non so",
  "non applicabile",
  "weet niet",
  "weet ik niet",
  "geen mening",
  "n.v.t",
  "nvt",
  "niet van toepassing",
  "não sei",
  "não se aplica",
];

/** No-answer cells that lead no such text: the bare dashes, "none", "null", and the states of a survey or a review. */
const NO_ANSWER_STATES: readonly string[] = [
  "",
  "-",
  "–",
  "—",
  "none",
  "null",
  "skipped",
  // Zendesk's satisfaction survey sent but not answered.
  "offered",
  "unoffered",
  "not offered",
  // A chat tool's survey shown but not answered (LiveChat: "rated good", "rated bad", "not rated"), a
  // review site's review without stars ("No Rating").
  "not rated",
  "unrated",
  "no rating",
  "no rating yet",
  "not yet rated",
  // A data set's own word for a value it lacks (a review's "Year_Month": "missing"), and the survey tools'
  // code for a question seen and not answered (Qualtrics' "-99").
  "missing",
  "-99",
];

/**
 * Cells that mean "no answer" in any column: counted per column, never an error, never a text-only
 * response. Zendesk writes "Offered" / "Unoffered" for a satisfaction survey sent but not answered,
 * LiveChat "not rated", a review site "No Rating".
 */
export const NO_ANSWER_WORDS: readonly string[] = [...NO_ANSWER_LEADING_WORDS, ...NO_ANSWER_STATES];
const NO_ANSWER = new Set(NO_ANSWER_WORDS);

/**
 * A word key without its accents ("très" → "tres", "weiß" → "weiss"): exports from systems that keep
 * to ASCII write labels that way, and the lists hold the accented forms only.
 */
function withoutAccents(key: string): string {
  return key.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss");
}
const NO_ANSWER_UNACCENTED = new Set(NO_ANSWER_WORDS.map(withoutAccents));

/** Whether a word key is in a list, or is one of its words written without accents. */
function listed(list: ReadonlySet<string>, unaccented: ReadonlySet<string>, key: string): boolean {
  return list.has(key) || unaccented.has(withoutAccents(key));
}
/** Longer than this, a cell is no no-answer word even with spaces and full stops around it: a comment is not read word by word. */
const NO_ANSWER_CHARS = 64;

const NO_ANSWER_LEADS = new Set(NO_ANSWER_LEADING_WORDS);
const NO_ANSWER_LEADS_UNACCENTED = new Set([...NO_ANSWER_LEADS].map(withoutAccents));
/** A cell's first words, before " - ", " (", ": " or ", ". */
const LEAD = /^(.+?)(?:\s+[-–—]\s+|\s*\(|\s*:\s|\s*,\s)/;

/** What exports write in a comment or a date cell for none: pandas' "nan" and "NaT", "NULL", "N/A", a dash. */
const PLACEHOLDERS = new Set([
  "nan", "nat", "null", "none", "undefined", "na", "n/a", "n.a", "#n/a", "-", "–", "—", "no comment", "no comments",
  // Booking.com's reviews: "No Negative" where the guest wrote nothing they disliked.
  "no negative", "no positive",
]);
/** Longer than this, a cell is a comment, not a placeholder: it is not normalised to find out. */
const PLACEHOLDER_CHARS = 16;

/** Whether a comment or date cell is a placeholder for none (a person's "N/A" or "-", a tool's "nan", "NaT" or "NULL"). */
export function isPlaceholder(cell: string): boolean {
  return cell.length > 0 && cell.length <= PLACEHOLDER_CHARS && PLACEHOLDERS.has(wordKey(cell));
}

/** Whether a cell is a no-answer by the default list, alone or followed by why ("N/A - did not use"). */
export function isNoAnswerWord(cell: string): boolean {
  if (cell.length > NO_ANSWER_CHARS) return false;
  // None starts with a digit: a number, a date or an id that does is looked up without being normalised.
  const first = cell.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return false;
  const key = wordKey(cell);
  if (listed(NO_ANSWER, NO_ANSWER_UNACCENTED, key)) return true;
  const lead = LEAD.exec(key)?.[1];
  return lead !== undefined && listed(NO_ANSWER_LEADS, NO_ANSWER_LEADS_UNACCENTED, lead);
}

const S15: RatingScale = Object.freeze({ min: 1, max: 5 });
const S17: RatingScale = Object.freeze({ min: 1, max: 7 });

/**
 * The five satisfaction labels of survey tools in German, French, Spanish, Italian, Dutch and
 * Portuguese.
 */
const SATISFACTION_ELSEWHERE: Record<string, number> = {
  "sehr unzufrieden": 1, unzufrieden: 2, "eher unzufrieden": 2, "weder zufrieden noch unzufrieden": 3, "teils/teils": 3,
  zufrieden: 4, "eher zufrieden": 4, "sehr zufrieden": 5,
  "très insatisfait": 1, "pas du tout satisfait": 1, insatisfait: 2, "plutôt insatisfait": 2,
  "ni satisfait ni insatisfait": 3, neutre: 3, satisfait: 4, "plutôt satisfait": 4,
  "très satisfait": 5,
  "muy insatisfecho": 1, insatisfecho: 2, "ni satisfecho ni insatisfecho": 3, satisfecho: 4, "muy satisfecho": 5,
  "molto insoddisfatto": 1, insoddisfatto: 2, "né soddisfatto né insoddisfatto": 3,
  neutrale: 3, soddisfatto: 4, "molto soddisfatto": 5,
  "zeer ontevreden": 1, ontevreden: 2, "niet tevreden, niet ontevreden": 3, "niet tevreden niet ontevreden": 3, neutraal: 3,
  tevreden: 4, "zeer tevreden": 5,
  "muito insatisfeito": 1, insatisfeito: 2, "nem satisfeito nem insatisfeito": 3, neutro: 3, satisfeito: 4, "muito satisfeito": 5,
};

/** The five agreement labels in German, French, Spanish, Italian, Dutch and Portuguese. */
const AGREEMENT_ELSEWHERE: Record<string, number> = {
  "stimme überhaupt nicht zu": 1, "stimme nicht zu": 2, "stimme eher nicht zu": 2,
  "weder noch": 3, "teils/teils": 3, "stimme eher zu": 4, "stimme zu": 4, "stimme voll und ganz zu": 5, "stimme voll zu": 5,
  "pas du tout d'accord": 1, "pas d'accord": 2, "plutôt pas d'accord": 2,
  "ni d'accord ni pas d'accord": 3, neutre: 3, "d'accord": 4, "plutôt d'accord": 4,
  "tout à fait d'accord": 5,
  "totalmente en desacuerdo": 1, "en desacuerdo": 2, "ni de acuerdo ni en desacuerdo": 3, "de acuerdo": 4, "totalmente de acuerdo": 5,
  "fortemente in disaccordo": 1, "in disaccordo": 2, "né d'accordo né in disaccordo": 3,
  "d'accordo": 4, "fortemente d'accordo": 5,
  "helemaal mee oneens": 1, "mee oneens": 2, "oneens": 2, "niet mee eens, niet mee oneens": 3, "neutraal": 3,
  "mee eens": 4, "eens": 4, "helemaal mee eens": 5,
  "discordo totalmente": 1, discordo: 2, "não concordo nem discordo": 3, concordo: 4,
  "concordo totalmente": 5,
};

interface Family {
  name: string;
  /** Five-point reading of every label the family knows. */
  five: Record<string, number>;
  /** Seven-point reading, used when the column holds more than five of the family's labels. */
  seven?: Record<string, number>;
  /** Groups of labels of which the column must hold one group whole for the family to read it (the scale's own words). */
  marks?: readonly (readonly string[])[];
}

const FAMILIES: readonly Family[] = [
  {
    // Unipolar satisfaction, from none to the most (Qualtrics: Not at all, Slightly, Moderately, Very,
    // Extremely satisfied): told apart from the two-sided scale by its "not at all satisfied".
    name: "satisfaction",
    five: {
      "not at all satisfied": 1, "not satisfied at all": 1, "slightly satisfied": 2, "moderately satisfied": 3,
      "somewhat satisfied": 3, "very satisfied": 4, "extremely satisfied": 5, "completely satisfied": 5,
    },
    marks: [["not at all satisfied"], ["not satisfied at all"]],
  },
  {
    name: "satisfaction",
    five: {
      "very dissatisfied": 1, "extremely dissatisfied": 1, "very unsatisfied": 1, "completely dissatisfied": 1,
      dissatisfied: 2, unsatisfied: 2, "somewhat dissatisfied": 2, "slightly dissatisfied": 2, "moderately dissatisfied": 2,
      "neither satisfied nor dissatisfied": 3, "neither dissatisfied nor satisfied": 3, neutral: 3,
      satisfied: 4, "somewhat satisfied": 4, "slightly satisfied": 4, "moderately satisfied": 4,
      "very satisfied": 5, "extremely satisfied": 5, "completely satisfied": 5,
      ...SATISFACTION_ELSEWHERE,
    },
    // Qualtrics' seven points: Extremely, Moderately, Slightly dissatisfied, Neither, Slightly, Moderately, Extremely satisfied.
    seven: {
      "very dissatisfied": 1, "extremely dissatisfied": 1, "completely dissatisfied": 1, dissatisfied: 2,
      "moderately dissatisfied": 2, "somewhat dissatisfied": 3, "slightly dissatisfied": 3,
      "neither satisfied nor dissatisfied": 4, neutral: 4, "somewhat satisfied": 5, "slightly satisfied": 5,
      satisfied: 6, "moderately satisfied": 6, "very satisfied": 7, "extremely satisfied": 7, "completely satisfied": 7,
    },
  },
  {
    name: "agreement",
    five: {
      "strongly disagree": 1, "completely disagree": 1, disagree: 2, "somewhat disagree": 2, "tend to disagree": 2,
      "neither agree nor disagree": 3, "neither disagree nor agree": 3, neutral: 3, "somewhat agree": 4, agree: 4,
      "tend to agree": 4, "strongly agree": 5, "completely agree": 5,
      ...AGREEMENT_ELSEWHERE,
    },
    seven: {
      "strongly disagree": 1, "completely disagree": 1, disagree: 2, "somewhat disagree": 3,
      "neither agree nor disagree": 4, neutral: 4, "somewhat agree": 5, agree: 6, "strongly agree": 7, "completely agree": 7,
    },
  },
  {
    name: "ease",
    five: {
      "very difficult": 1, "extremely difficult": 1, difficult: 2, "somewhat difficult": 2,
      "neither easy nor difficult": 3, "neither difficult nor easy": 3, neutral: 3, easy: 4, "somewhat easy": 4,
      "very easy": 5, "extremely easy": 5,
    },
    seven: {
      "very difficult": 1, "extremely difficult": 1, difficult: 2, "somewhat difficult": 3, "neither easy nor difficult": 4,
      neutral: 4, "somewhat easy": 5, easy: 6, "very easy": 7, "extremely easy": 7,
    },
  },
  {
    name: "likelihood",
    five: {
      "extremely unlikely": 1, "very unlikely": 1, unlikely: 2, "somewhat unlikely": 2, "not likely": 2,
      "neither likely nor unlikely": 3, neutral: 3, likely: 4, "somewhat likely": 4, "very likely": 5,
      "extremely likely": 5,
    },
  },
  {
    // Purchase intent: Definitely will … Definitely will not (Qualtrics' "would" too).
    name: "likelihood",
    five: {
      "definitely will not": 1, "definitely won't": 1, "definitely would not": 1, "definitely wouldn't": 1,
      "probably will not": 2, "probably won't": 2, "probably would not": 2, "probably wouldn't": 2,
      "might or might not": 3, "may or may not": 3, "probably will": 4, "probably would": 4,
      "definitely will": 5, "definitely would": 5,
    },
  },
  {
    // Against what the customer expected: Far below … Far above expectations.
    name: "expectations",
    five: {
      "far below expectations": 1, "much worse than expected": 1, "below expectations": 2, "worse than expected": 2,
      "met expectations": 3, "meets expectations": 3, "as expected": 3, "above expectations": 4, "exceeded expectations": 4,
      "exceeds expectations": 4, "better than expected": 4, "far above expectations": 5, "far exceeded expectations": 5,
      "much better than expected": 5,
    },
  },
  {
    // Intercom's conversation ratings: Terrible, Bad, OK, Great, Amazing ("great" is the fourth of five).
    name: "reaction",
    five: { terrible: 1, bad: 2, okay: 3, ok: 3, great: 4, amazing: 5 },
  },
  {
    // Excellent, Very good, Good, Fair, Poor (SurveyMonkey's and Jotform's): one step each, "Good" in the middle.
    // Without "Very good" (Excellent, Good, Fair, Poor: four points) "Good" is a good answer, as below.
    name: "quality",
    five: { poor: 1, fair: 2, good: 3, "very good": 4, excellent: 5 },
    marks: [["excellent", "very good"]],
  },
  {
    // Excellent, Above average, Average, Below average, Poor.
    name: "quality",
    five: { poor: 1, "below average": 2, average: 3, "above average": 4, excellent: 5 },
    marks: [["above average"], ["below average"]],
  },
  {
    name: "quality",
    five: {
      "very poor": 1, terrible: 1, awful: 1, "very bad": 1, poor: 2, bad: 2, fair: 3, average: 3, okay: 3, ok: 3,
      acceptable: 3, good: 4, "very good": 5, excellent: 5, great: 5,
    },
  },
  {
    // Five faces, as feedback widgets and kiosks ask (Hotjar, Usabilla): 😡 😕 😐 🙂 😍.
    name: "faces",
    five: {
      "😡": 1, "😠": 1, "😞": 2, "🙁": 2, "☹️": 2, "☹": 2, "😕": 2, "😐": 3, "😶": 3, "🙂": 4, "😊": 4,
      "😀": 5, "😃": 5, "😄": 5, "😁": 5, "😍": 5, "🤩": 5,
    },
  },
  {
    // Freshdesk's five faces.
    name: "happiness",
    five: {
      "extremely unhappy": 1, "very unhappy": 1, unhappy: 2, neutral: 3, happy: 4, "very happy": 5, "extremely happy": 5,
    },
  },
  {
    // Help desks' three answers (Help Scout: Great, Okay, Not Good; Freshdesk: Awesome, Just Okay, Not Good) on
    // 1–5 as 5, 3 and 1, so CSAT is the share of the best.
    name: "three-point",
    five: { "not good": 1, bad: 1, okay: 3, ok: 3, "just okay": 3, "just ok": 3, great: 5, awesome: 5 },
  },
];

/** Two-way satisfaction: good is 5, bad is 1 on 1–5, so CSAT (share of 4 and 5) is the share of good answers. */
const BINARY: Record<string, number> = {
  good: 5, bad: 1, "good with comment": 5, "bad with comment": 1, satisfied: 5, unsatisfied: 1, dissatisfied: 1,
  "thumbs up": 5, "thumbs down": 1, "👍": 5, "👎": 1, "👍🏻": 5, "👎🏻": 1, "+1": 5, "-1": 1, positive: 5, negative: 1,
  helpful: 5, "not helpful": 1, unhelpful: 1, "rated good": 5, "rated bad": 1,
};
/** Longer than this, a cell is no rating word, whatever spaces surround it (the longest label is under 40 characters). */
const WORD_LABEL_CHARS = 256;
/** Yes/No is a rating only under a header that asks whether something helped or satisfied, or whether they would recommend it. */
const YES_NO: Record<string, number> = { yes: 5, no: 1 };
const YES_NO_HEADER = /\b(helpful|help|useful|satisf\w*|happy|resolved|solved|answer(ed)?|did we|was this|were you|recommend\w*)\b/i;
/** True/False is a rating only under a header naming a recommendation or a vote (a game store's `voted_up`, `is_recommended`). */
const TRUE_FALSE: Record<string, number> = { true: 5, false: 1 };
const TRUE_FALSE_HEADER = /(^|[^a-z])(recommend(s|ed)?|voted?[ _.-]?up|up[ _.-]?voted?|thumbs?[ _.-]?up|liked?)($|[^a-z])/i;

/**
 * Positive / Neutral / Negative is a three-point rating (5, 3, 1 on 1–5, as help desks' three answers) only
 * under a header naming a rating or satisfaction (HubSpot's "Customer satisfaction rating"): elsewhere it is
 * a sentiment worked out from the text (a tweet's `airline_sentiment`), not what the customer said.
 */
const POSITIVE_NEUTRAL_NEGATIVE: Record<string, number> = { positive: 5, neutral: 3, negative: 1 };
const POSITIVITY: Record<string, number> = { "very negative": 1, negative: 2, neutral: 3, positive: 4, "very positive": 5 };
const RATING_WORDS_HEADER = /\b(satisf\w*|csat|ratings?|rated|score)\b/i;
/** Stars written as number words, as Google's Business Profile API and the exports of its reviews write them ("FIVE" … "ONE"). */
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };
const STARS_HEADER = /\bstars?\b/i;
const SENTIMENT_HEADER = /sentiment/i;

/**
 * The word map every label of a column fits, or null: `labels` are the column's distinct cells that
 * are neither numbers nor no-answers. A single label is not enough to tell a rating.
 */
export function detectWordMap(labels: Iterable<string>, header: string): WordMap | null {
  const keys = new Set<string>();
  for (const label of labels) {
    // No rating word is that long: a comment of megabytes (an unclosed quote) is not normalised to find out.
    if (label.length > WORD_LABEL_CHARS) return null;
    keys.add(wordKey(label));
  }
  if (keys.size < 2) return null;
  const fits = (map: Record<string, number>) => [...keys].every((key) => valueIn(map, key) !== undefined);
  if (fits(BINARY) && [...keys].every((key) => BINARY[key] !== undefined)) {
    // "Satisfied"/"Dissatisfied" alone reads the same either way: good is the share at the top.
    const values = new Set([...keys].map((key) => BINARY[key]));
    if (values.size === 2) return { scale: S15, values: pick(BINARY, keys), family: "binary" };
  }
  if (YES_NO_HEADER.test(header) && fits(YES_NO)) return { scale: S15, values: pick(YES_NO, keys), family: "binary" };
  if (TRUE_FALSE_HEADER.test(header) && fits(TRUE_FALSE)) return { scale: S15, values: pick(TRUE_FALSE, keys), family: "binary" };
  if (RATING_WORDS_HEADER.test(header) && !SENTIMENT_HEADER.test(header) && fits(POSITIVE_NEUTRAL_NEGATIVE)) {
    return { scale: S15, values: pick(POSITIVE_NEUTRAL_NEGATIVE, keys), family: "three-point" };
  }
  // Number words are stars only under a header naming stars or a rating (camelCase read word by word: `starRating`):
  // elsewhere "One" and "Two" are names (a plan, a team).
  const words = camelCaseApart(header);
  if ((STARS_HEADER.test(words) || RATING_WORDS_HEADER.test(words)) && fits(NUMBER_WORDS)) {
    return { scale: S15, values: pick(NUMBER_WORDS, keys), family: "stars" };
  }
  // A kiosk's four smileys (HappyOrNot: Very positive … Very negative), a "very" among them, not under a sentiment's header.
  if (!SENTIMENT_HEADER.test(header) && fits(POSITIVITY) && (keys.has("very positive") || keys.has("very negative"))) {
    return { scale: S15, values: pick(POSITIVITY, keys, true), family: "positivity" };
  }
  for (const family of FAMILIES) {
    if (!fits(family.five)) continue;
    if (family.marks !== undefined && !family.marks.some((group) => group.every((mark) => keys.has(mark)))) continue;
    // More than five labels of one family, or "somewhat agree" beside "agree": a seven-point scale.
    const seven = family.seven;
    if (seven !== undefined && fits(seven) && (keys.size > 5 || sevenPointPair(keys))) {
      return { scale: S17, values: pick(seven, keys, true), family: family.name };
    }
    return { scale: S15, values: pick(family.five, keys, true), family: family.name };
  }
  return null;
}

function sevenPointPair(keys: ReadonlySet<string>): boolean {
  for (const key of keys) if (key.startsWith("somewhat ") && keys.has(key.slice("somewhat ".length))) return true;
  return false;
}

/** Each family map's labels by their form without accents. */
const UNACCENTED_LABELS = new WeakMap<Record<string, number>, Map<string, number>>();

/** A label's value in a family map, written with or without its accents ("tres satisfait"). */
function valueIn(map: Record<string, number>, key: string): number | undefined {
  const value = map[key];
  if (value !== undefined) return value;
  let unaccented = UNACCENTED_LABELS.get(map);
  if (unaccented === undefined) {
    unaccented = new Map(Object.entries(map).map(([label, v]) => [withoutAccents(label), v]));
    UNACCENTED_LABELS.set(map, unaccented);
  }
  return unaccented.get(withoutAccents(key));
}

/**
 * The map restricted to the labels seen, or with every label of the family when `all` (so a later
 * file's labels read too); a label seen without its accents keeps the form it was seen in.
 */
function pick(map: Record<string, number>, keys: ReadonlySet<string>, all = false): Record<string, number> {
  const values: Record<string, number> = all ? { ...map } : {};
  for (const key of keys) {
    const value = valueIn(map, key);
    if (value !== undefined) values[key] = value;
  }
  return values;
}
