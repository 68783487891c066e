/**
 * `analyze --format md` writes names and cell values from a CSV into Markdown that a person pastes
 * into a wiki or a pull request: none of it may become HTML, a link or formatting there (issue 11,
 * finding 16). Fixture: test/fixtures/report/markdown-injection.csv.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../scripts/cli";
import { markdownText } from "../../shared/report";

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/report/markdown-injection.csv");

describe("the Markdown report of a hostile CSV", () => {
  it("holds no raw HTML, no link and no formatting from the file's cells", async () => {
    const markdown = await runCli(["analyze", fixture, "--scale", "1-5", "--format", "md"]);
    // No tag and no autolink survives: every < from a cell is an entity.
    expect(markdown).not.toMatch(/<(img|script|b|javascript)/i);
    // No Markdown link: [ and ] from cells are escaped, so "](javascript:" never opens one.
    expect(markdown).not.toMatch(/[^\\]\]\(javascript:/);
    expect(markdown).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(markdown).toContain("\\[Open the app\\](javascript:alert(document.cookie))");
    expect(markdown).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // Emphasis, code, strikethrough and a pipe inside a stage name stay text, and the table keeps its columns.
    expect(markdown).toContain("\\*\\*Checkout\\*\\* \\| \\_now\\_");
    expect(markdown).toContain("\\`code\\` \\~\\~old\\~\\~");
    const stageRows = markdown.split("## Stages")[1]?.split("\n\n")[1]?.split("\n") ?? [];
    const columns = (row: string) => row.split(/(?<!\\)\|/).length;
    expect(stageRows.length).toBeGreaterThan(2);
    for (const row of stageRows) expect(columns(row)).toBe(columns(stageRows[0] ?? ""));
  });

  it("escapes each character Markdown or HTML would read, and keeps the rest as it is", () => {
    expect(markdownText("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
    expect(markdownText("[x](javascript:alert(1))")).toBe("\\[x\\](javascript:alert(1))");
    expect(markdownText("*a* _b_ `c` ~d~ e|f \\g")).toBe("\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ e\\|f \\\\g");
    expect(markdownText("two\r\nlines\nhere")).toBe("two lines here");
    expect(markdownText("Décision 4.5, «ok» — 100 %")).toBe("Décision 4.5, «ok» — 100 %");
  });
});
