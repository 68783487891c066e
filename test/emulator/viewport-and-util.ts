/**
 * figma.viewport and figma.util: the viewport records what the plugin scrolls to (there is no
 * screen to move); util builds colours and paints from hex strings or channels.
 * @see https://developers.figma.com/docs/plugins/api/figma-viewport
 * @see https://developers.figma.com/docs/plugins/api/figma-util
 */
import { assertRunOpen } from "./core";
import type { AccessKind, FacadeTarget } from "./facade";
import type { RunContext } from "./figma-api";
import { nodeArgument } from "./nodes/tree";
import { parseHexColor, validateColor, validatePaints } from "./paints";
import { expectNumber, fail, ruleError, typeName } from "./rules";

export class ViewportApi implements FacadeTarget {
  private zoomLevel = 1;
  private centre: Vector = { x: 0, y: 0 };

  constructor(private readonly run: RunContext) {}

  _guard(op: string, kind: AccessKind): void {
    assertRunOpen(this.run.state, `viewport.${op}`);
    if (kind !== "read") this.run.core.countCall(`figma.viewport.${op}`);
  }

  _noSuchProperty(prop: string): Error {
    return ruleError("api.no-such-property", `figma.viewport.${prop}: no such property '${prop}' on figma.viewport`, "TypeError");
  }

  get center(): Vector {
    return { ...this.centre };
  }

  set center(value: unknown) {
    const v = value as { x?: unknown; y?: unknown } | null;
    this.centre = { x: expectNumber("set_center", "center.x", v?.x), y: expectNumber("set_center", "center.y", v?.y) };
  }

  get zoom(): number {
    return this.zoomLevel;
  }

  set zoom(value: unknown) {
    this.zoomLevel = expectNumber("set_zoom", "zoom", value, 0.01);
  }

  get bounds(): Rect {
    return { x: this.centre.x - 720 / this.zoomLevel, y: this.centre.y - 450 / this.zoomLevel, width: 1440 / this.zoomLevel, height: 900 / this.zoomLevel };
  }

  /** Recorded in emulator.viewportCalls; nothing to scroll. */
  scrollAndZoomIntoView(nodes: unknown): void {
    if (!Array.isArray(nodes)) fail("api.type", `in scrollAndZoomIntoView: Expected "nodes" to have type array but got ${typeName(nodes)} instead`);
    this.run.viewportCalls.push(nodes.map((n: unknown) => nodeArgument("scrollAndZoomIntoView", "nodes[]", n)._id));
  }
}

export class UtilApi implements FacadeTarget {
  constructor(private readonly run: RunContext) {}

  _guard(op: string, kind: AccessKind): void {
    assertRunOpen(this.run.state, `util.${op}`);
    if (kind !== "read") this.run.core.countCall(`figma.util.${op}`);
  }

  _noSuchProperty(prop: string): Error {
    return ruleError("api.no-such-property", `figma.util.${prop}: no such property '${prop}' on figma.util`, "TypeError");
  }

  private _color(op: string, color: unknown): RGBA {
    if (typeof color === "string") {
      const parsed = parseHexColor(color);
      if (!parsed) fail("paint.invalid", `in ${op}: Invalid color string "${color}"`);
      return parsed;
    }
    const c = color as Partial<RGBA> | null;
    const rgba = validateColor(op, { r: c?.r, g: c?.g, b: c?.b, a: c?.a ?? 1 }, "color", true) as RGBA;
    return rgba;
  }

  rgb(color: unknown): RGB {
    const { r, g, b } = this._color("util.rgb", color);
    return { r, g, b };
  }

  rgba(color: unknown): RGBA {
    return { ...this._color("util.rgba", color) };
  }

  solidPaint(color: unknown, overrides?: unknown): SolidPaint {
    const { r, g, b, a } = this._color("util.solidPaint", color);
    const extra = typeof overrides === "object" && overrides !== null ? overrides : {};
    const [paint] = validatePaints("util.solidPaint", [{ type: "SOLID", color: { r, g, b }, opacity: a, ...extra }]);
    return paint as SolidPaint;
  }
}
