/**
 * Paints as Figma validates them: `fills` and `strokes` take arrays of paints with colours in 0–1,
 * and the stored array is immutable (a frozen copy), so mutating what you read changes nothing.
 * @see https://developers.figma.com/docs/plugins/api/Paint
 * @see https://developers.figma.com/docs/plugins/api/api-errors
 */
import { fail, typeName } from "./rules";

const PAINT_TYPES = [
  "SOLID",
  "GRADIENT_LINEAR",
  "GRADIENT_RADIAL",
  "GRADIENT_ANGULAR",
  "GRADIENT_DIAMOND",
  "IMAGE",
  "VIDEO",
  "PATTERN",
] as const;

const BLEND_MODES = [
  "PASS_THROUGH",
  "NORMAL",
  "DARKEN",
  "MULTIPLY",
  "LINEAR_BURN",
  "COLOR_BURN",
  "LIGHTEN",
  "SCREEN",
  "LINEAR_DODGE",
  "COLOR_DODGE",
  "OVERLAY",
  "SOFT_LIGHT",
  "HARD_LIGHT",
  "DIFFERENCE",
  "EXCLUSION",
  "HUE",
  "SATURATION",
  "COLOR",
  "LUMINOSITY",
];

const COMMON_KEYS = ["type", "opacity", "visible", "blendMode", "boundVariables"];
const KEYS_BY_TYPE: Record<string, readonly string[]> = {
  SOLID: [...COMMON_KEYS, "color"],
  GRADIENT: [...COMMON_KEYS, "gradientTransform", "gradientStops"],
  IMAGE: [...COMMON_KEYS, "scaleMode", "imageHash", "imageTransform", "scalingFactor", "rotation", "filters"],
  VIDEO: [...COMMON_KEYS, "scaleMode", "videoHash", "videoTransform", "scalingFactor", "rotation", "filters"],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(op: string, message: string, path: string): never {
  fail("paint.invalid", `in ${op}: ${message} at ${path}`);
}

function checkKeys(op: string, value: Record<string, unknown>, allowed: readonly string[], path: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) invalid(op, `Unrecognized key(s) in object: ${unknown.map((k) => `'${k}'`).join(", ")}`, path);
}

function unitNumber(op: string, value: unknown, path: string): number {
  if (value === undefined) invalid(op, "Required value missing", path);
  if (typeof value !== "number" || Number.isNaN(value)) invalid(op, `Expected number, received ${typeName(value)}`, path);
  if (value < 0) invalid(op, "Number must be greater than or equal to 0", path);
  if (value > 1) invalid(op, "Number must be less than or equal to 1", path);
  return value;
}

/** Validates an RGB (or, with `alpha`, RGBA) colour with channels in 0–1. */
export function validateColor(op: string, value: unknown, path: string, alpha: boolean): RGB | RGBA {
  if (!isRecord(value)) invalid(op, `Expected object, received ${typeName(value)}`, path);
  checkKeys(op, value, alpha ? ["r", "g", "b", "a"] : ["r", "g", "b"], path);
  const r = unitNumber(op, value.r, `${path}.r`);
  const g = unitNumber(op, value.g, `${path}.g`);
  const b = unitNumber(op, value.b, `${path}.b`);
  if (!alpha) return Object.freeze({ r, g, b });
  return Object.freeze({ r, g, b, a: unitNumber(op, value.a, `${path}.a`) });
}

function validatePaint(op: string, value: unknown, path: string): Paint {
  if (!isRecord(value)) invalid(op, `Expected object, received ${typeName(value)}`, path);
  const type = value.type;
  if (typeof type !== "string" || !(PAINT_TYPES as readonly string[]).includes(type)) {
    const expected = PAINT_TYPES.map((t) => `'${t}'`).join(" | ");
    invalid(op, `Invalid discriminator value. Expected ${expected}`, `${path}.type`);
  }
  const family = type.startsWith("GRADIENT_") ? "GRADIENT" : type;
  const allowed = KEYS_BY_TYPE[family];
  if (allowed) checkKeys(op, value, allowed, path);
  const common = {
    visible: true,
    opacity: 1,
    blendMode: "NORMAL",
  };
  if (value.visible !== undefined && typeof value.visible !== "boolean") {
    invalid(op, `Expected boolean, received ${typeName(value.visible)}`, `${path}.visible`);
  }
  if (value.opacity !== undefined) unitNumber(op, value.opacity, `${path}.opacity`);
  if (value.blendMode !== undefined && (typeof value.blendMode !== "string" || !BLEND_MODES.includes(value.blendMode))) {
    invalid(op, `Invalid enum value. Expected one of the blend modes, received ${JSON.stringify(value.blendMode)}`, `${path}.blendMode`);
  }
  if (type === "SOLID") {
    const color = validateColor(op, value.color, `${path}.color`, false);
    return Object.freeze({ ...common, ...value, color, boundVariables: Object.freeze({}) }) as SolidPaint;
  }
  if (family === "GRADIENT") {
    const transform = value.gradientTransform;
    const isRow = (row: unknown): boolean => Array.isArray(row) && row.length === 3 && row.every((n) => typeof n === "number");
    if (!Array.isArray(transform) || transform.length !== 2 || !transform.every(isRow)) {
      invalid(op, "Expected a 2×3 Transform", `${path}.gradientTransform`);
    }
    const stops = value.gradientStops;
    if (!Array.isArray(stops)) invalid(op, `Expected array, received ${typeName(stops)}`, `${path}.gradientStops`);
    const gradientStops = stops.map((stop: unknown, i: number) => {
      const at = `${path}.gradientStops[${i}]`;
      if (!isRecord(stop)) invalid(op, `Expected object, received ${typeName(stop)}`, at);
      checkKeys(op, stop, ["position", "color", "boundVariables"], at);
      return Object.freeze({
        position: unitNumber(op, stop.position, `${at}.position`),
        color: validateColor(op, stop.color, `${at}.color`, true),
      });
    });
    return Object.freeze({ ...common, ...value, gradientStops: Object.freeze(gradientStops) }) as GradientPaint;
  }
  if (type === "IMAGE" && value.imageHash !== null && typeof value.imageHash !== "string") {
    invalid(op, `Expected string, received ${typeName(value.imageHash)}`, `${path}.imageHash`);
  }
  if ((type === "IMAGE" || type === "VIDEO") && typeof value.scaleMode !== "string") {
    invalid(op, "Required value missing", `${path}.scaleMode`);
  }
  return Object.freeze({ ...common, ...value }) as Paint;
}

/**
 * Validates an array of paints and returns the frozen copy Figma would store.
 * @see https://developers.figma.com/docs/plugins/api/node-properties#fills
 */
export function validatePaints(op: string, value: unknown): ReadonlyArray<Paint> {
  if (!Array.isArray(value)) fail("paint.invalid", `in ${op}: Expected array, received ${typeName(value)}`);
  return Object.freeze(value.map((paint: unknown, i: number) => validatePaint(op, paint, `[${i}]`)));
}

const solids = new Map<string, ReadonlyArray<Paint>>();

/** A solid paint from 0–1 channels (emulator defaults: frozen, shared). */
export function solid(r: number, g: number, b: number, opacity = 1): ReadonlyArray<Paint> {
  const key = `${r},${g},${b},${opacity}`;
  let paints = solids.get(key);
  if (!paints) {
    paints = validatePaints("emulator", [{ type: "SOLID", color: { r, g, b }, opacity }]);
    solids.set(key, paints);
  }
  return paints;
}

/** Parses "#RGB", "#RRGGBB" or "#RRGGBBAA" (with or without "#") into 0–1 channels. */
export function parseHexColor(hex: string): RGBA | undefined {
  const digits = hex.trim().replace(/^#/, "");
  if (!/^([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(digits)) return undefined;
  const full = digits.length <= 4 ? [...digits].map((d) => d + d).join("") : digits;
  const channel = (i: number): number => parseInt(full.slice(i, i + 2), 16) / 255;
  return { r: channel(0), g: channel(2), b: channel(4), a: full.length === 8 ? channel(6) : 1 };
}

/** A 0–1 channel as a CSS colour component. */
export function cssColor(color: RGB, alpha = 1): string {
  const c = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 255);
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 1000) / 1000;
  return a === 1 ? `rgb(${c(color.r)},${c(color.g)},${c(color.b)})` : `rgba(${c(color.r)},${c(color.g)},${c(color.b)},${a})`;
}
