/**
 * Files in and out of the panel: a download made from text (exports), and a picked or dropped file
 * read as text. Nothing leaves the computer: downloads are object URLs of the panel's own memory.
 */

/**
 * Offers text as a file download. CSV gets a byte-order mark so Excel reads it as UTF-8
 * (see shared/csv/export.ts).
 */
export function downloadText(filename: string, text: string, type: "text/csv" | "application/json" | "text/plain"): void {
  const body = type === "text/csv" ? `\uFEFF${text}` : text;
  const url = URL.createObjectURL(new Blob([body], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the URL only after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: "Northwind — online order" → "northwind-online-order". */
export function fileStem(title: string): string {
  const stem = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return stem === "" ? "journey-map" : stem.slice(0, 60);
}

export async function readFileText(file: File): Promise<string> {
  return new TextDecoder("utf-8").decode(await file.arrayBuffer());
}
