import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseArguments, runCli } from "../../scripts/cli";
import { AlreadyImportedError } from "../../scripts/cli-ledger";
import { emptyJourney } from "../../shared/journey-from-feedback";
import { contentHash } from "../../shared/ledger";
import { decodeCsvBytes } from "../../shared/csv";
import { exportJourneyMapJson, importJourneyMapJson, type JourneyMap } from "../../shared/model";
import type { JourneyReport } from "../../shared/report";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const alexa = readFileSync(path.join(root, "test/fixtures/csv-real/amazon_alexa_reviews.tsv"), "utf8");
const COLUMNS = ["--columns", "rating=rating,text=verified_reviews,date=date,touchpoint=variation"];

/** The Alexa export's header and the data lines whose date (dd-Jul-18 …) passes `keep`, in a file of their own. */
function alexaPart(dir: string, name: string, keep: (day: number, month: string) => boolean): string {
  const [header, ...lines] = alexa.replace(/\r?\n$/, "").split(/\r?\n/);
  const kept = lines.filter((line) => {
    const [day = "", month = ""] = (line.split("\t")[1] ?? "").split("-");
    return keep(Number(day), month);
  });
  const file = path.join(dir, name);
  writeFileSync(file, [header, ...kept].join("\r\n"));
  return file;
}

function readJourney(file: string): JourneyMap {
  const parsed = importJourneyMapJson(readFileSync(file, "utf8"));
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.value;
}

type LedgerReport = JourneyReport & { ledger: { journey: string; imports: number; note: string | null } };

describe("analyze --map journey.json --add", { timeout: 60_000 }, () => {
  it("adds overlapping exports once each row, records each import, and refuses a file imported before", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jm-ledger-"));
    const journeyFile = path.join(dir, "journey.json");
    writeFileSync(journeyFile, exportJourneyMapJson(emptyJourney("Alexa")));
    const early = alexaPart(dir, "alexa-early.tsv", (day, month) => month !== "Jul" || day <= 29);
    const late = alexaPart(dir, "alexa-late.tsv", (day, month) => month === "Jul" && day >= 28);

    const first = JSON.parse(await runCli(["analyze", early, "--map", journeyFile, "--add", ...COLUMNS])) as LedgerReport;
    expect(first.import).toMatchObject({ rows: 1466, imported: 1466, duplicates: 0 });
    expect(first.ledger).toEqual({ journey: journeyFile, imports: 1, note: null });
    expect(readJourney(journeyFile).feedback).toHaveLength(1466);

    // The later export shares 28–29 July (732 rows) with the earlier one: those are skipped.
    const second = JSON.parse(await runCli(["analyze", late, "--map", journeyFile, "--add", ...COLUMNS])) as LedgerReport;
    expect(second.import).toMatchObject({ rows: 2416, imported: 1684, duplicates: 732 });
    expect(second.ledger.note).toMatch(/^Rows already imported are recognised by a fingerprint/);
    const journey = readJourney(journeyFile);
    expect(journey.feedback).toHaveLength(3150);
    expect(journey.ledger?.imports.map((i) => [i.file, i.rows, i.imported, i.duplicates, i.firstDate, i.lastDate])).toEqual([
      ["alexa-early.tsv", 1466, 1466, 0, "2018-05-16", "2018-07-29"],
      ["alexa-late.tsv", 2416, 1684, 732, "2018-07-30", "2018-07-31"],
    ]);
    // The report analyses the whole journey: every review once.
    expect(second.stages.reduce((sum, s) => sum + s.responses, 0)).toBe(3150);

    // The same file again: refused before anything is added, the journey file untouched.
    const saved = readFileSync(journeyFile, "utf8");
    const again = runCli(["analyze", late, "--map", journeyFile, "--add", ...COLUMNS]);
    await expect(again).rejects.toThrow(AlreadyImportedError);
    await expect(runCli(["analyze", late, "--map", journeyFile, "--add", ...COLUMNS])).rejects.toThrow(
      /^This file \(“alexa-late\.tsv”\) was imported on \d+ [A-Z][a-z]{2} \d{4} at \d\d:\d\d UTC \(1,684 rows imported\) into ".*journey\.json": nothing was added; pass --again to import it again/,
    );
    expect(readFileSync(journeyFile, "utf8")).toBe(saved);
    // Forced, its rows are all known: nothing is imported, nothing added.
    await expect(runCli(["analyze", late, "--map", journeyFile, "--add", "--again", ...COLUMNS])).rejects.toThrow(
      /nothing was imported from ".*alexa-late\.tsv" \(2416 rows\): .*already in the journey/,
    );
    expect(readFileSync(journeyFile, "utf8")).toBe(saved);
  });

  it("read in pieces, the same rows are recognised and the same file refused", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jm-ledger-"));
    const journeyFile = path.join(dir, "journey.json");
    writeFileSync(journeyFile, exportJourneyMapJson(emptyJourney("Alexa")));
    const early = alexaPart(dir, "alexa-early.tsv", (day, month) => month !== "Jul" || day <= 29);
    const late = alexaPart(dir, "alexa-late.tsv", (day, month) => month === "Jul" && day >= 28);
    // Pieces of 64 kB: the export is read in several, each row's key collected as it passes.
    const small = { pieceChars: 64 * 1024, readBytes: 16 * 1024 };
    await runCli(["analyze", early, "--map", journeyFile, "--add", ...COLUMNS], small);
    const second = JSON.parse(await runCli(["analyze", late, "--map", journeyFile, "--add", ...COLUMNS], small)) as LedgerReport;
    expect(second.import).toMatchObject({ rows: 2416, imported: 1684, duplicates: 732 });
    const journey = readJourney(journeyFile);
    expect(journey.ledger?.responses.count).toBe(3150);
    // The hash of a file read in pieces is the hash of its decoded text (no BOM): the panel's, for the same file.
    expect(journey.ledger?.imports[1]?.hash).toBe(contentHash(decodeCsvBytes(readFileSync(late)).text));
    await expect(runCli(["analyze", late, "--map", journeyFile, "--add", ...COLUMNS], small)).rejects.toThrow(AlreadyImportedError);
  });

  it("folds the rows it adds beyond the evidence judging text without a rating as the first import does", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jm-ledger-"));
    const journeyFile = path.join(dir, "journey.json");
    const stage = { id: "stage_checkout", name: "Checkout", objective: "", emotion: null };
    writeFileSync(journeyFile, exportJourneyMapJson({ ...emptyJourney("Support"), stages: [stage] }));
    // 6,000 rows, more than a journey keeps one by one: every 12th has no rating and reads negative.
    const lines = ["Response ID,Stage,Rating,Comment"];
    for (let i = 0; i < 6000; i++) {
      lines.push(i % 12 === 0 ? `R-${i},Checkout,,"The app is terrible, broken and useless"` : `R-${i},Checkout,${(i % 5) + 1},Works fine`);
    }
    const file = path.join(dir, "tickets.csv");
    writeFileSync(file, `${lines.join("\r\n")}\r\n`);
    await runCli(["analyze", file, "--map", journeyFile, "--add"]);
    const journey = readJourney(journeyFile);
    expect(journey.feedback.length).toBeLessThan(6000);
    const terms = journey.summary?.terms ?? [];
    expect(terms).toHaveLength(1);
    // The text-only rows folded are counted as negative text, as `analyze` without --add and the panel count them.
    const kept = journey.feedback.filter((row) => row.rating === null).length;
    expect(terms[0]).toMatchObject({ scored: true, negativeText: 500 - kept });
  });

  it("--add needs --map, and --again needs --add", () => {
    expect(() => parseArguments(["analyze", "f.csv", "--add"])).toThrow("--add needs --map <journey.json>: the journey the feedback is added to");
    expect(() => parseArguments(["analyze", "f.csv", "--map", "j.json", "--again"])).toThrow("--again goes with --add");
  });
});
