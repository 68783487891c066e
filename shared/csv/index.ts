/**
 * CSV import and export of feedback: pure TypeScript, run by the panel, the plugin and the command line.
 *
 * The usual flow: `decodeCsvBytes` (bytes of the chosen file → text) → `inspectCsv` (layout, preview,
 * guessed mapping, scale: shown for the person to correct) → `importFeedbackCsv` (feedback, new
 * entities, and every row it could not import with its reason) → `exportRejectedRowsCsv` to fix those.
 */
export {
  type CsvEncoding,
  type DecodedCsv,
  CsvDecodeError,
  MAX_CSV_BYTES,
  decodeCsvBytes,
  decodeCsvLines,
  refuseOversizedCsv,
} from "./decode";
export { type CsvDelimiter, CSV_DELIMITERS, detectDelimiter } from "./detect";
export {
  type ColumnMapping,
  type MappedField,
  EMPTY_MAPPING,
  FEEDBACK_CSV_HEADERS,
  MAPPED_FIELDS,
  PROBLEM_HEADER,
  guessMapping,
  headerSignature,
  normaliseHeader,
} from "./columns";
export { type RatingReading, SCALE_0_10, SCALE_1_5, SCALE_1_7, formatScale, parseScale, readRating } from "./rating";
export { type DateOrder, type DateReading, readDate } from "./date";
export { escapeFormula, unescapeFormula } from "./formula";
export { entityNameKey, guessChannel } from "./match";
export type { CsvProblem } from "./problem";
export type { CsvLayoutOptions, CsvText } from "./records";
export { MAX_HEADER_ROW, csvTextHead, csvTextHeadRecords, csvTextLength, countCsvDataRows } from "./records";
export { type CsvInspection, inspectCsv } from "./inspect";
export { type QuestionAnswerColumns, questionAnswerColumns } from "./question-answer";
export { scaleByColumn, surveyMeasureOf } from "./scale-by";
export {
  type ColumnProfile,
  type ColumnRole,
  type ColumnSettings,
  type CsvShape,
  type FixedValues,
  type QuestionMeasure,
  COLUMN_ROLES,
  SCALE_1_10,
  UNASSIGNED_STAGE,
  questionShortName,
} from "./wide";
export { type WordMap, NO_ANSWER_WORDS, detectWordMap, wordKey } from "./words";
export {
  type ColumnReport,
  type ProblemGroup,
  type CsvImportHooks,
  type CsvImportOptions,
  type CsvImportProgress,
  type CsvImportResult,
  type IdPrefix,
  type KnownResponses,
  type NoAnswerGroup,
  type RejectedRow,
  MAX_WIDE_QUESTIONS,
  TooManyNewStagesError,
  contentKey,
  importFeedbackCsv,
  importedResponseKeys,
  responseKey,
} from "./import";
export {
  type PriorityExportRow,
  exportFeedbackCsv,
  exportPrioritiesCsv,
  exportRejectedRowsCsv,
} from "./export";
export { type HostTurns, createHostTurns } from "./host-turn";
