/**
 * Rectangles, ellipses, lines and vectors.
 * @see https://developers.figma.com/docs/plugins/api/RectangleNode
 * @see https://developers.figma.com/docs/plugins/api/VectorNode
 */
import type { EmulatorCore } from "../core";
import { markLayoutDirty } from "../layout";
import { solid } from "../paints";
import { expectNumber, fail, ruleError } from "../rules";
import { parsePathData, pathBounds, validateVectorPaths } from "../vector-paths";
import { LayoutNodeImpl } from "./layout-node";
import { RoundedNodeImpl } from "./rounded-node";
import type { SceneNodeImpl } from "./scene-node";

/** Figma's default shape fill (#D9D9D9). */
const DEFAULT_SHAPE_FILL = 217 / 255;

export class RectangleImpl extends RoundedNodeImpl {
  constructor(core: EmulatorCore) {
    super(core, "Rectangle", 100, 100);
    this._fills = solid(DEFAULT_SHAPE_FILL, DEFAULT_SHAPE_FILL, DEFAULT_SHAPE_FILL);
  }

  get type(): "RECTANGLE" {
    return "RECTANGLE";
  }

  _blank(): RectangleImpl {
    return new RectangleImpl(this._core);
  }
}

export class EllipseImpl extends RoundedNodeImpl {
  _arcData: ArcData = Object.freeze({ startingAngle: 0, endingAngle: 2 * Math.PI, innerRadius: 0 });

  constructor(core: EmulatorCore) {
    super(core, "Ellipse", 100, 100);
    this._fills = solid(DEFAULT_SHAPE_FILL, DEFAULT_SHAPE_FILL, DEFAULT_SHAPE_FILL);
  }

  get type(): "ELLIPSE" {
    return "ELLIPSE";
  }

  _blank(): EllipseImpl {
    return new EllipseImpl(this._core);
  }

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (copy instanceof EllipseImpl) copy._arcData = this._arcData;
  }

  get arcData(): ArcData {
    return this._arcData;
  }

  set arcData(value: unknown) {
    const v = (typeof value === "object" && value !== null ? value : {}) as Partial<Record<keyof ArcData, unknown>>;
    this._arcData = Object.freeze({
      startingAngle: expectNumber("set_arcData", "startingAngle", v.startingAngle),
      endingAngle: expectNumber("set_arcData", "endingAngle", v.endingAngle),
      innerRadius: expectNumber("set_arcData", "innerRadius", v.innerRadius, 0, 1),
    });
  }
}

/** A line is `width` long and 0 high; rotate it to draw other directions. */
export class LineImpl extends LayoutNodeImpl {
  constructor(core: EmulatorCore) {
    super(core, "Line", 100, 0);
    this._strokes = solid(0, 0, 0);
    this._strokeAlign = "CENTER";
  }

  get type(): "LINE" {
    return "LINE";
  }

  _blank(): LineImpl {
    return new LineImpl(this._core);
  }

  /** A line's height must be exactly 0. */
  override _checkResize(op: string, width: unknown, height: unknown): [number, number] {
    const w = expectNumber(op, "width", width);
    const h = expectNumber(op, "height", height);
    if (w < 0.01) fail("resize.minimum", `in ${op}: Expected "width" to be >= 0.01 but got ${w}`);
    if (h !== 0) fail("resize.minimum", `in ${op}: A line must be given a height of exactly 0, got ${h}`);
    return [w, h];
  }
}

export class VectorImpl extends RoundedNodeImpl {
  _vectorPaths: VectorPaths = Object.freeze([]);

  constructor(core: EmulatorCore) {
    super(core, "Vector", 100, 100);
    this._strokes = solid(0, 0, 0);
    this._strokeAlign = "CENTER";
  }

  get type(): "VECTOR" {
    return "VECTOR";
  }

  _blank(): VectorImpl {
    return new VectorImpl(this._core);
  }

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (copy instanceof VectorImpl) copy._vectorPaths = this._vectorPaths;
  }

  get vectorPaths(): VectorPaths {
    return this._vectorPaths;
  }

  /**
   * Only absolute M L Q C Z; on a bad path the node keeps no geometry and the setter throws.
   * The node takes the size of the paths' bounds.
   * @see https://developers.figma.com/docs/plugins/api/properties/VectorPathsMixin-vectorpaths
   */
  set vectorPaths(value: unknown) {
    try {
      this._vectorPaths = validateVectorPaths("set_vectorPaths", value);
    } catch (error) {
      this._vectorPaths = Object.freeze([]);
      throw error;
    }
    const commands = this._vectorPaths.flatMap((p) => parsePathData("set_vectorPaths", p.data));
    const bounds = pathBounds(commands);
    if (bounds) {
      this._w = this._fixedW = Math.max(bounds.x + bounds.width, 0.01);
      this._h = this._fixedH = Math.max(bounds.y + bounds.height, 0.01);
      markLayoutDirty(this);
    }
  }

  get vectorNetwork(): VectorNetwork {
    return fail("emulator.unsupported", "in get_vectorNetwork: the emulator does not implement vector networks; use vectorPaths");
  }

  setVectorNetworkAsync(): Promise<void> {
    return Promise.reject(ruleError("emulator.unsupported", "in setVectorNetworkAsync: the emulator does not implement vector networks; use vectorPaths"));
  }
}
