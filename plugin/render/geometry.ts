/**
 * Cells of a row as tall as the tallest one, without asking Figma to both fill and hug.
 *
 * "An auto-layout frame cannot simultaneously stretch to fill its parent and shrink to hug its
 * children" (Figma's docs on layoutAlign): cells that fill a hugging row leave the row nothing to
 * hug. So each cell's height is worked out from what it holds (its padding, its in-flow children
 * and the gaps between them, as its hug would be) and the tallest is written to every cell as a
 * fixed height. Rows are then as tall as their fullest cell and no taller.
 */

/** Figma keeps geometry as 32-bit floats: differences below this are the same size. */
export const GEOMETRY_TOLERANCE = 0.01;

/** Geometry as it is written: in hundredths of a pixel. */
export function roundGeometry(value: number): number {
  return Math.round(value * 100) / 100;
}

export function sameGeometry(a: number, b: number): boolean {
  return Math.abs(a - b) < GEOMETRY_TOLERANCE;
}

/** The height a vertical auto-layout frame would hug its content at. */
function huggedHeight(cell: FrameNode): number {
  let height = cell.paddingTop + cell.paddingBottom;
  let count = 0;
  for (const child of cell.children) {
    if (!child.visible || ("layoutPositioning" in child && child.layoutPositioning === "ABSOLUTE")) continue;
    // A child that fills the cell's height takes its size from the cell: it asks for none.
    if (!("layoutGrow" in child && child.layoutGrow === 1)) height += child.height;
    count++;
  }
  return height + Math.max(count - 1, 0) * cell.itemSpacing;
}

/**
 * Gives the vertical auto-layout frames of a row that do not fill it the height of the tallest
 * one's content; returns how many were resized. Frames that fill the row (lane labels) follow.
 */
export function evenOutHeights(row: FrameNode): number {
  const cells = row.children.filter(
    (child): child is FrameNode =>
      child.type === "FRAME" && child.visible && child.layoutMode === "VERTICAL" && child.layoutAlign !== "STRETCH" && child.layoutPositioning === "AUTO",
  );
  if (cells.length === 0) return 0;
  // Everything is read before anything is written: each write would have Figma lay the row out again.
  const height = Math.ceil(Math.max(...cells.map(huggedHeight)) - GEOMETRY_TOLERANCE);
  const off = cells
    .filter((cell) => !sameGeometry(cell.height, height) || cell.layoutSizingVertical !== "FIXED")
    .map((cell) => ({ cell, width: cell.width }));
  for (const { cell, width } of off) cell.resize(width, height);
  return off.length;
}
