import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { JourneyReport } from "../../shared/report";
import { parseArguments, runCli } from "../../scripts/cli";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const sampleCsv = path.join(root, "examples/sample-feedback.csv");
const sampleMap = path.join(root, "examples/sample-journey.json");

function tempFile(name: string, content: string | Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "jm-cli-")), name);
  writeFileSync(file, content);
  return file;
}

describe("analyze, in-process", () => {
  it("--header-row takes the header from the row named, the rows above it skipped as title lines, in pieces too", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `2024-03-${String((i % 28) + 1).padStart(2, "0")},${(i % 5) + 1},Comment ${i}`);
    const csv = tempFile("report.csv", ["Survey report,Q1 2024,Final", "Exported by,Ann,Sales", "Date,Rating,Comment", ...rows].join("\n"));
    // Title lines as wide as the header, each cell filled, read as the header: nothing tells them from one.
    await expect(runCli(["analyze", csv, "--no-sentiment"])).rejects.toThrow("no column is mapped to a rating or a text");
    for (const sizes of [{}, { pieceChars: 4096, readBytes: 1024 }]) {
      const report = JSON.parse(await runCli(["analyze", csv, "--no-sentiment", "--header-row", "3"], sizes)) as JourneyReport;
      expect(report.import.columns?.filter((c) => c.role !== "ignore").map((c) => [c.column, c.role])).toEqual([
        ["Date", "date"],
        ["Rating", "rating"],
        ["Comment", "text"],
      ]);
      expect([report.import.rows, report.import.imported, report.overall.responses]).toEqual([400, 400, 400]);
      expect(report.import.problemGroups?.map((g) => [g.count, g.rows])).toEqual([[2, [1, 2]]]);
    }
    expect(() => parseArguments(["analyze", csv, "--header-row", "21"])).toThrow("--header-row must be a row from 1 to 20, not \"21\"");
  });

  it("--scale-by names the column of each row's survey, with a mapping given in full too; an unknown header is refused with the file's", async () => {
    const fixture = path.join(root, "test/fixtures/csv/survey-types-one-rating-column.csv");
    const scaleBy = (report: JourneyReport) => report.import.columns?.find((c) => c.role === "rating")?.scaleBy;
    // A mapping given in full guesses nothing, the survey column neither: one scale, unless it is named.
    const exact = ["analyze", fixture, "--no-sentiment", "--columns", "rating=Rating,text=Response"];
    expect(scaleBy(JSON.parse(await runCli(exact)) as JourneyReport)).toBeUndefined();
    const named = JSON.parse(await runCli([...exact, "--scale-by", "Survey type"])) as JourneyReport;
    expect(scaleBy(named)?.surveys.map((s) => [s.value, s.scale, s.ratings])).toEqual([
      ["NPS", "0–10", 6],
      ["CSAT", "1–5", 6],
      ["CES", "1–7", 4],
    ]);
    expect([named.overall.nps, named.overall.ces]).toEqual([0, 5]);
    const markdown = await runCli(["analyze", fixture, "--no-sentiment", "--format", "md"]);
    expect(markdown).toContain("| Rating | rating | by Survey type: NPS 0–10, CSAT 1–5, CES 1–7 |");
    await expect(runCli([...exact, "--scale-by", "Survey kind"])).rejects.toThrow('--scale-by: the file has no column "Survey kind" (it has: Submitted at, Contact email');
  });

  it("--no-header reads the first row as a response; a file without one is found by itself; with --header-row it is refused", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${(i % 5) + 1},2024-03-${String((i % 28) + 1).padStart(2, "0")},web,"Comment number ${i} about the checkout page"`);
    const csv = tempFile("no-header.csv", rows.join("\n"));
    for (const args of [[], ["--no-header"]]) {
      const report = JSON.parse(await runCli(["analyze", csv, "--no-sentiment", ...args])) as JourneyReport;
      expect([report.import.rows, report.import.imported], args.join(" ")).toEqual([30, 30]);
      expect(report.import.columns?.map((c) => c.column)).toEqual(["Column A", "Column B", "Column C", "Column D"]);
      expect(report.import.columns?.find((c) => c.role === "text")?.column).toBe("Column D");
    }
    // A file with a header, told it has none: its header row is one more response (its "Date" no date).
    const headed = tempFile("headed.csv", ["Rating,Date,Channel,Comment", ...rows].join("\n"));
    const told = JSON.parse(await runCli(["analyze", headed, "--no-sentiment", "--no-header"])) as JourneyReport;
    expect(told.import.rows).toBe(31);
    expect(() => parseArguments(["analyze", csv, "--no-header", "--header-row", "2"])).toThrow("--no-header and --header-row say different things");
  });

  it("reads a code written for no answer (99 beside 1–5) the same in every piece of a file", async () => {
    const rows = Array.from({ length: 600 }, (_, i) => `2024-03-${String((i % 28) + 1).padStart(2, "0")},${[1, 2, 3, 4, 5, 99, 4][i % 7]},Comment ${i}`);
    const csv = tempFile("codes.csv", ["Date,Rating,Comment", ...rows].join("\n"));
    const coded = rows.filter((row) => row.includes(",99,")).length;
    for (const sizes of [{}, { pieceChars: 4096, readBytes: 1024 }]) {
      const report = JSON.parse(await runCli(["analyze", csv, "--no-sentiment"], sizes)) as JourneyReport;
      const rating = report.import.columns?.find((c) => c.role === "rating");
      expect([rating?.scale, rating?.noAnswers, report.import.noAnswers, report.import.problemGroups?.length ?? 0]).toEqual(["1–5", coded, coded, 0]);
    }
  });

  it("creates stages from the file in order of first appearance, and reports every row", async () => {
    const csv = tempFile(
      "small.csv",
      "Stage,Rating,Comment\r\nCheckout,2,Promo code rejected\r\nBrowse,5,Great photos\r\n checkout ,1,Slow\r\nBrowse,high,what\r\n",
    );
    const report = JSON.parse(await runCli(["analyze", csv, "--scale", "1-5"])) as JourneyReport;
    expect(report.stages.map((s) => s.name)).toEqual(["Checkout", "Browse"]);
    expect(report.import).toMatchObject({ rows: 4 });
    expect(report.import.errors).toHaveLength(1);
    expect(report.import.errors[0]).toMatchObject({ row: 5, column: "Rating" });
    // Checkout: ratings 2 and 1 on 1–5 → CSAT 0 %, performance 1 + 4 × mean(0.25, 0) = 1.5.
    const checkout = report.stages[0];
    expect(checkout).toMatchObject({ responses: 2, csat: 0, performance: 1.5, nps: null });
    // Browse: one rating 5 → CSAT 100 %; the unreadable row is a text-only response.
    expect(report.stages[1]).toMatchObject({ responses: 2, csat: 100, performance: 5 });
    expect(report.overall.nps).toBeNull();
  });

  it("maps columns by header name and analyses against a saved map", async () => {
    const csv = tempFile("mapped.csv", "Phase;Score;Words\nCheckout;4;ok\nDelivery;1;late\nNowhere;3;??\n");
    const report = JSON.parse(
      await runCli(["analyze", csv, "--map", sampleMap, "--columns", "stage=phase,rating=Score,text=words", "--scale", "1-5"]),
    ) as JourneyReport;
    expect(report.stages).toHaveLength(6);
    const checkout = report.stages.find((s) => s.name === "Checkout");
    expect(checkout?.responses).toBeGreaterThan(0);
    expect(report.priorities.length).toBeGreaterThan(0);
    expect(report.priorities.map((p) => p.rank)).toEqual(report.priorities.map((_, i) => i + 1));
    expect(report.kpis.length).toBeGreaterThan(0);
    // "Nowhere" is not a stage of the map: reported, not invented.
    expect(report.import.errors.some((e) => e.row === 4 && /Nowhere/.test(e.message))).toBe(true);
  });

  it("prints Markdown tables", async () => {
    const md = await runCli(["analyze", sampleCsv, "--map", sampleMap, "--format", "md"]);
    expect(md).toMatch(/^# /);
    expect(md).toContain("## Stages");
    expect(md).toContain("| Stage | Responses | CSAT % |");
    expect(md).toContain("## Priorities");
  });

  it("refuses unknown options, commands and values with a message naming them", () => {
    expect(() => parseArguments(["analyze", "x.csv", "--colour"])).toThrow("unknown option --colour");
    expect(() => parseArguments(["summarise", "x.csv"])).toThrow('unknown command "summarise"');
    expect(() => parseArguments(["analyze", "x.csv", "--scale", "1-4"])).toThrow('--scale must be 1-5, 0-10, 1-7 or 1-10, not "1-4"');
    expect(() => parseArguments(["analyze", "x.csv", "--columns", "mood=Feel"])).toThrow('unknown field "mood"');
  });
});

// Real files of thousands of rows: more time than the default on a busy machine (no timing is asserted).
describe("analyze, wide exports and exact mappings", { timeout: 30_000 }, () => {
  const skytrax = path.join(root, "test/fixtures/csv-real/skytrax_airline_reviews_wide.csv");

  it("without --columns, a wide file is one touchpoint per rating question, and the report states each column's scale", async () => {
    const report = JSON.parse(await runCli(["analyze", skytrax])) as JourneyReport;
    expect(report.import).toMatchObject({ rows: 8319, imported: 8319, skipped: 0, shape: "wide" });
    expect(report.touchpoints.map((t) => t.name)).toEqual(["Overall", "Seat comfort", "Service", "Food", "Entertainment", "Groundservice", "Wifi", "Value"]);
    const columns = report.import.columns ?? [];
    expect(columns.find((c) => c.column === "overall_score")).toMatchObject({ role: "question", scale: "1–10", measure: "outcome", noAnswers: 36 });
    expect(columns.find((c) => c.column === "wifi_rating")).toMatchObject({ scale: "1–5", noAnswers: 5555, noAnswer: ["0"], touchpoint: "Wifi", stage: "Unassigned" });
    expect(columns.find((c) => c.column === "review_title")).toMatchObject({ role: "text", scale: null });
    expect(report.touchpoints.find((t) => t.name === "Wifi")?.responses).toBeGreaterThanOrEqual(2764);
  });

  it("--question, --stage-of, --outcome and --columns with none read exactly what they name", async () => {
    const report = JSON.parse(
      await runCli([
        "analyze", skytrax,
        "--question", "overall_score", "--question", "Seat comfort", "--question", "groundservice_rating",
        "--stage-of", "In flight=seat_comfort_rating", "--stage-of", "Airport=groundservice_rating",
        "--outcome", "overall_score",
        "--columns", "text=review_title,persona=travel_type,date=none",
      ]),
    ) as JourneyReport;
    expect(report.touchpoints.map((t) => [t.name, t.stage])).toEqual([
      ["Overall", "Unassigned"],
      ["Seat comfort", "In flight"],
      ["Groundservice", "Airport"],
    ]);
    const roles = Object.fromEntries((report.import.columns ?? []).filter((c) => c.role !== "ignore").map((c) => [c.column, c.role]));
    expect(roles).toEqual({
      overall_score: "question",
      review_title: "text",
      travel_type: "persona",
      seat_comfort_rating: "question",
      groundservice_rating: "question",
    });
    // Every other column is listed as not read: the report hides none.
    const columns = report.import.columns ?? [];
    expect(columns.filter((c) => c.role === "ignore").map((c) => c.column)).toContain("date_flown");
    expect(columns).toHaveLength(20);
  });

  it("guesses segment columns, reads those --segment names, and none guessed with --segment none; the report states them", async () => {
    const guessed = JSON.parse(await runCli(["analyze", skytrax, "--no-sentiment"])) as JourneyReport;
    const rolesOf = (report: JourneyReport) => Object.fromEntries((report.import.columns ?? []).map((c) => [c.column, c.role]));
    expect(rolesOf(guessed)).toMatchObject({ travel_type: "persona", seat_type: "segment", reviewer_country: "segment" });
    const named = JSON.parse(await runCli(["analyze", skytrax, "--no-sentiment", "--segment", "none", "--segment", "airline_name"])) as JourneyReport;
    const roles = rolesOf(named);
    expect(roles).toMatchObject({ airline_name: "segment", travel_type: "persona" });
    expect(roles.seat_type).toBe("ignore");
    expect(roles.reviewer_country).toBe("ignore");
    // summarize writes each segment column the file was read with, after the period.
    const summary = await runCli(["summarize", skytrax, "--segment", "none", "--segment", "Airline name"]);
    expect(summary.split("\r\n")[0]).toBe("stage,touchpoint,persona,source,kind,period,airline_name,scale_min,scale_max,type,rating,count");
    expect(summary).toContain(",air-france,");
  }, 60_000);

  it("--columns takes segment= as often as there are segment columns, and nothing else is guessed", async () => {
    const csv = tempFile(
      "app.csv",
      "Score,Plan,Country,App version,Comment\r\n5,Pro,DE,4.2.0,Fast\r\n2,Free,US,4.3.1,Crashes\r\n4,Pro, US ,4.3.1,\r\n",
    );
    const report = JSON.parse(await runCli(["analyze", csv, "--no-sentiment", "--columns", "rating=Score,segment=Plan,segment=App version,text=comment"])) as JourneyReport;
    expect(Object.fromEntries((report.import.columns ?? []).map((c) => [c.column, c.role]))).toEqual({
      Score: "rating",
      Plan: "segment",
      Country: "ignore",
      "App version": "segment",
      Comment: "text",
    });
    const summary = await runCli(["summarize", csv, "--columns", "rating=Score,segment=Plan,segment=Country"]);
    expect(summary.split("\r\n").slice(0, 2)).toEqual([
      "stage,touchpoint,persona,source,kind,period,Country,Plan,scale_min,scale_max,type,rating,count",
      ",,,,survey,,DE,Pro,1,5,rated,5,1",
    ]);
    // " US " and "US" are one country.
    expect(summary.split("\r\n").filter((line) => line.includes(",US,"))).toHaveLength(2);
    expect(() => parseArguments(["analyze", "x.csv", "--segment"])).toThrow("--segment needs a value");
    expect(() => parseArguments(["analyze", "x.csv", "--columns", "segments=Plan"])).toThrow('unknown field "segments" (known: rating, text, date, stage, touchpoint, persona, source, scale, kind, responseId, author, segment)');
    await expect(runCli(["analyze", csv, "--segment", "Tier"])).rejects.toThrow('--segment: the file has no column "Tier"');
    expect(await runCli(["--help"])).toContain("--segment <header>");
    // The Markdown report names the columns it did not read.
    const md = await runCli(["analyze", csv, "--no-sentiment", "--format", "md", "--columns", "rating=Score,text=comment"]);
    expect(md).toContain("Not read: Plan, Country, App version.");
  });

  it("names the first 40 columns it did not read and counts the rest, and refuses a survey of more questions than one import reads", async () => {
    const questions = Array.from({ length: 1200 }, (_, q) => `Q${q + 1} How satisfied were you with part ${q + 1}?`);
    const rows = [1, 2, 3].map((r) => [`R${r}`, ...questions.map((_, q) => String(((r + q) % 5) + 1))].join(","));
    const csv = tempFile("long-survey.csv", [["Respondent", ...questions].join(","), ...rows].join("\n"));
    await expect(runCli(["analyze", csv, "--no-sentiment"])).rejects.toThrow(
      "the file has 1,200 question columns, more than the 1,000 one import reads: choose at most 1,000 questions to import",
    );
    const md = await runCli(["analyze", csv, "--no-sentiment", "--format", "md", "--question", questions[0] ?? ""]);
    const unread = md.split("\n").find((line) => line.startsWith("Not read: ")) ?? "";
    expect(unread.startsWith(`Not read: ${questions.slice(1, 41).join(", ")}, and 1,159 more.`)).toBe(true);
  });

  it("a chat tool's 'rated good' / 'rated bad' is a two-way rating, its 'not rated' no answer, and the report counts it in the singular", async () => {
    const csv = tempFile(
      "chats.csv",
      [
        "Chat ID,Started,Agent,Rating,Rating comment",
        "Q1,2026-10-01 09:00:00,Mia,rated good,Quick answer",
        "Q2,2026-10-01 10:00:00,Ravi,rated bad,Waited 20 minutes",
        "Q3,2026-10-02 11:00:00,Mia,not rated,Closed the window",
        "Q4,2026-10-02 12:00:00,Lea,rated good,",
      ].join("\r\n"),
    );
    const report = JSON.parse(await runCli(["analyze", csv, "--no-sentiment"])) as JourneyReport;
    expect(report.import).toMatchObject({ rows: 4, imported: 4, skipped: 0, noAnswers: 1 });
    expect(report.import.columns?.filter((c) => c.role !== "ignore").map((c) => [c.column, c.role])).toEqual([
      ["Chat ID", "responseId"],
      ["Started", "date"],
      ["Rating", "rating"],
      ["Rating comment", "text"],
    ]);
    // Two good of three rated: CSAT is the share of good answers.
    expect(report.overall.csat).toBeCloseTo(66.67, 1);
    const md = await runCli(["analyze", csv, "--no-sentiment", "--format", "md"]);
    expect(md).toContain('4 of 4 rows imported, 0 skipped, 1 answer was "no answer".');
  });

  it("--text joins columns and --fixed sets a value for every row", async () => {
    const csv = tempFile("reviews.csv", "Title,Review,Stars\r\nNice,Works well,5\r\nMeh,Slow search,2\r\n");
    const report = JSON.parse(
      await runCli(["analyze", csv, "--text", "Title", "--text", "Review", "--fixed", "stage=Advocacy", "--fixed", "source=App Store"]),
    ) as JourneyReport;
    expect(report.stages.map((s) => [s.name, s.responses])).toEqual([["Advocacy", 2]]);
    expect(report.import.columns?.filter((c) => c.role === "text").map((c) => c.column)).toEqual(["Title", "Review"]);
  });

  it("a saved map lacking the file's touchpoints gets them in an Unassigned stage instead of refusing the rows", async () => {
    const alexa = path.join(root, "test/fixtures/csv-real/amazon_alexa_reviews.tsv");
    const report = JSON.parse(await runCli(["analyze", alexa, "--map", sampleMap, "--columns", "rating=rating,text=verified_reviews,date=date,touchpoint=variation"])) as JourneyReport;
    expect(report.import).toMatchObject({ rows: 3150, imported: 3150, skipped: 0 });
    expect(report.touchpoints.filter((t) => t.stage === "Unassigned")).toHaveLength(16);
  });
});

describe("dist/cli.js", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], { cwd: root, stdio: "pipe" });
  }, 120_000);

  const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "dist/cli.js"), ...args], { encoding: "utf8" });

  it("prints a JSON report with numbers, and null for metrics without data", () => {
    const result = cli("analyze", sampleCsv, "--map", sampleMap, "--scale", "1-5");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as JourneyReport;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(["import", "overall", "stages", "touchpoints", "priorities", "kpis"]));
    expect(typeof report.overall.csat).toBe("number");
    expect(report.overall.csat).toBeGreaterThanOrEqual(-100);
    expect(report.overall.csat).toBeLessThanOrEqual(100);
    // The sample CSV holds 1–5 ratings only: no NPS anywhere.
    expect(report.overall.nps).toBeNull();
    expect(report.import.rows).toBe(report.import.imported + report.import.skipped);
  });

  it("exits non-zero with one line for an unreadable file or an unknown option", () => {
    const missing = cli("analyze", "/no/such/file.csv");
    expect(missing.status).not.toBe(0);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain("/no/such/file.csv");

    const binary = cli("analyze", tempFile("photo.csv", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3, 0, 0])));
    expect(binary.status).not.toBe(0);
    expect(binary.stderr.trim().split("\n")).toHaveLength(1);

    const unknown = cli("analyze", sampleCsv, "--fast");
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr.trim()).toBe("journey-mapper: unknown option --fast");
  });

  it("exits non-zero with one line when nothing was imported, an empty file included", () => {
    const empty = cli("analyze", tempFile("empty.csv", ""));
    expect(empty.status).toBe(1);
    expect(empty.stderr.trim().split("\n")).toHaveLength(1);
    expect(empty.stderr).toContain("nothing was imported");
    const headerOnly = cli("analyze", tempFile("header.csv", "Rating,Comment\r\n"));
    expect(headerOnly.status).toBe(1);
    expect(headerOnly.stderr.trim()).toMatch(/nothing was imported from ".*header\.csv" \(0 rows\): the file has no data rows$/);
  });

  it("exits 3 with one line, adding nothing, for a file the journey has imported (--add without --again)", () => {
    const journey = tempFile("journey.json", readFileSync(sampleMap, "utf8"));
    expect(cli("analyze", sampleCsv, "--map", journey, "--add", "--scale", "1-5").status).toBe(0);
    const saved = readFileSync(journey, "utf8");
    const again = cli("analyze", sampleCsv, "--map", journey, "--add", "--scale", "1-5");
    expect(again.status).toBe(3);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toMatch(/^journey-mapper: This file \(“sample-feedback\.csv”\) was imported on .*: nothing was added; pass --again/);
    expect(readFileSync(journey, "utf8")).toBe(saved);
  });

  it("--help explains the options and exits 0", () => {
    const help = cli("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--question <header>");
    expect(help.stdout).toContain("--fixed <field=value>");
  });
});
