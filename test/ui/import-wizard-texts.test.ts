/**
 * A long file's several text columns in the import wizard: a review's title guessed beside its text,
 * a second text column added or taken out by its role, the cells joined into one comment, and what
 * the person chose remembered for the next file with the same headers.
 */
import { describe, expect, it } from "vitest";
import { longColumnRole } from "../../ui/feedback/import-wizard-state";
import { chosenInWizard, storeOf } from "./sample";

const chosen = (text: string, store = storeOf()) => chosenInWizard(text, store, "reviews.csv");

/** App reviews: a date, the store, stars, a title, the review, a version (too few rows for a segment) and the reviewer's nickname. */
const reviews = [
  "Date,Store,Rating,Title,Review,Version,Nickname",
  "2024-03-05,App Store,4,Nice,\"Works well, but the search is slow\",4.2.0,anna_k",
  "2024-03-06,Google Play,5,Love it,Best shopping app I have used,4.2.0,bob77",
  "2024-03-06,App Store,1,Crashes,Crashes at checkout every time,4.2.1,cc",
  "2024-03-07,Google Play,2,,Too many notifications,4.2.1,dmitri",
].join("\n");
const TITLE = 3;
const REVIEW = 4;
const NICKNAME = 6;

describe("several text columns of a long file in the import wizard", () => {
  it("the title is guessed beside the text, joined before it; a column set to Text is added, one set to Not imported taken out", async () => {
    const { store, wizard } = await chosen(reviews);
    const shown = () => wizard.state.inspection!.columns.map((c) => longColumnRole(c, wizard.state.options));
    expect(shown()).toEqual(["date", "source", "rating", "text", "text", "ignore", "ignore"]);
    expect(wizard.state.options.mapping.text).toBe(REVIEW);
    await wizard.startImport();
    expect(store.state.model.feedback.map((f) => f.text)).toEqual([
      "Nice\n\nWorks well, but the search is slow",
      "Love it\n\nBest shopping app I have used",
      "Crashes\n\nCrashes at checkout every time",
      "Too many notifications",
    ]);

    // The next file with the same headers: the nickname added as a text, the title taken out.
    const again = await chosen(reviews.replace(/2024-03/g, "2024-04"), store);
    const shownAgain = () => again.wizard.state.inspection!.columns.map((c) => longColumnRole(c, again.wizard.state.options));
    again.wizard.setLongRole(NICKNAME, "text");
    again.wizard.setLongRole(TITLE, "ignore");
    expect(shownAgain()).toEqual(["date", "source", "rating", "ignore", "text", "ignore", "text"]);
    // Adding a text keeps the text where it was.
    expect(again.wizard.state.options.mapping.text).toBe(REVIEW);
    await again.wizard.startImport();
    expect(store.state.model.feedback.slice(4).map((f) => f.text)).toEqual([
      "Works well, but the search is slow\n\nanna_k",
      "Best shopping app I have used\n\nbob77",
      "Crashes at checkout every time\n\ncc",
      "Too many notifications\n\ndmitri",
    ]);

    // Remembered for the next file like it.
    const third = await chosen(reviews.replace(/2024-03/g, "2024-05"), store);
    expect(third.wizard.state.remembered).toBe(true);
    expect(third.wizard.state.inspection!.columns.map((c) => longColumnRole(c, third.wizard.state.options))).toEqual([
      "date", "source", "rating", "ignore", "text", "ignore", "text",
    ]);
  });

  it("the text taken out: an added text column becomes the comment alone", async () => {
    const { store, wizard } = await chosen(reviews);
    wizard.setLongRole(REVIEW, "ignore");
    expect(wizard.state.options.mapping.text).toBeNull();
    expect(longColumnRole(wizard.state.inspection!.columns[TITLE]!, wizard.state.options)).toBe("text");
    await wizard.startImport();
    expect(store.state.model.feedback.map((f) => f.text)).toEqual(["Nice", "Love it", "Crashes", ""]);
  });
});
