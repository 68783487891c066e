/**
 * Vector path data as Figma accepts it in `vectorPaths`: only absolute M, L, Q, C and Z, every
 * token separated by a single space. Anything else (H, V, A, relative commands, commas) throws
 * `in set_vectorPaths: Failed to convert path. Invalid command at H`. Q is stored as C.
 * @see https://developers.figma.com/docs/plugins/api/VectorPath
 */
import { expectEnum, fail, typeName } from "./rules";

const ARITY: Record<string, number> = { M: 2, L: 2, Q: 4, C: 6, Z: 0 };
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export interface PathCommand {
  readonly command: "M" | "L" | "C" | "Z";
  readonly points: readonly number[];
}

function invalidAt(op: string, token: string): never {
  // Figma names the offending command: a letter with what follows it ("h4"), or a lone character (",").
  const match = /^[A-Za-z][^\sA-Za-z]*/.exec(token);
  fail("vector.paths", `in ${op}: Failed to convert path. Invalid command at ${match ? match[0] : token.charAt(0)}`);
}

/** Parses path data into absolute commands, with Q converted to C. Throws on anything Figma rejects. */
export function parsePathData(op: string, data: string): PathCommand[] {
  const commands: PathCommand[] = [];
  if (data === "") return commands;
  const tokens = data.split(" ");
  let i = 0;
  let current = { x: 0, y: 0 };
  let start = { x: 0, y: 0 };
  while (i < tokens.length) {
    const token = tokens[i] ?? "";
    const arity = ARITY[token];
    if (arity === undefined) invalidAt(op, token === "" ? " " : token);
    const numbers: number[] = [];
    for (let k = 1; k <= arity; k++) {
      const value = tokens[i + k];
      if (value === undefined) fail("vector.paths", `in ${op}: Failed to convert path. Missing coordinate after ${token}`);
      if (!NUMBER.test(value)) {
        // "0,0" reads as the number 0 followed by the command ",".
        const numeric = /^-?(\d+\.?\d*|\.\d+)/.exec(value);
        invalidAt(op, numeric ? value.slice(numeric[0].length) || value : value);
      }
      numbers.push(Number(value));
    }
    i += arity + 1;
    if (token === "Q") {
      const [qx = 0, qy = 0, x = 0, y = 0] = numbers;
      const c1x = current.x + (2 / 3) * (qx - current.x);
      const c1y = current.y + (2 / 3) * (qy - current.y);
      const c2x = x + (2 / 3) * (qx - x);
      const c2y = y + (2 / 3) * (qy - y);
      commands.push({ command: "C", points: [c1x, c1y, c2x, c2y, x, y] });
      current = { x, y };
      continue;
    }
    commands.push({ command: token as PathCommand["command"], points: numbers });
    if (token === "M") start = { x: numbers[0] ?? 0, y: numbers[1] ?? 0 };
    if (token === "Z") current = start;
    else current = { x: numbers[arity - 2] ?? 0, y: numbers[arity - 1] ?? 0 };
  }
  return commands;
}

function formatNumber(n: number): string {
  return String(Math.round(n * 1e4) / 1e4);
}

export function formatPathData(commands: readonly PathCommand[]): string {
  return commands.map((c) => [c.command, ...c.points.map(formatNumber)].join(" ")).join(" ");
}

/** Validates `vectorPaths` and returns the frozen, normalised copy Figma would store. */
export function validateVectorPaths(op: string, value: unknown): VectorPaths {
  if (!Array.isArray(value)) fail("api.type", `in ${op}: Expected "vectorPaths" to have type array but got ${typeName(value)} instead`);
  return Object.freeze(
    value.map((path: unknown) => {
      if (typeof path !== "object" || path === null) {
        fail("api.type", `in ${op}: Expected "vectorPaths" to have type VectorPath but got ${typeName(path)} instead`);
      }
      const windingRule = expectEnum(op, ["NONZERO", "EVENODD", "NONE"], "windingRule" in path ? path.windingRule : undefined);
      const data: unknown = "data" in path ? path.data : undefined;
      if (typeof data !== "string") fail("api.type", `in ${op}: Expected "data" to have type string but got ${typeName(data)} instead`);
      return Object.freeze({ windingRule, data: formatPathData(parsePathData(op, data)) });
    }),
  );
}

/** Bounds of path commands (control points included; enough for sizing a vector). */
export function pathBounds(commands: readonly PathCommand[]): { x: number; y: number; width: number; height: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const c of commands) {
    for (let i = 0; i + 1 < c.points.length; i += 2) {
      const x = c.points[i] ?? 0;
      const y = c.points[i + 1] ?? 0;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  if (minX === Infinity) return null;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
