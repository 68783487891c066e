/**
 * Corner radii (CornerMixin, RectangleCornerMixin) for frames, rectangles, ellipses and vectors.
 * @see https://developers.figma.com/docs/plugins/api/node-properties#cornerradius
 */
import { expectNumber } from "../rules";
import { MIXED, type Mixed } from "../text-content";
import { LayoutNodeImpl } from "./layout-node";
import type { SceneNodeImpl } from "./scene-node";

export interface CornerRadii {
  topLeft: number;
  topRight: number;
  bottomRight: number;
  bottomLeft: number;
}

export abstract class RoundedNodeImpl extends LayoutNodeImpl {
  _radii: CornerRadii = { topLeft: 0, topRight: 0, bottomRight: 0, bottomLeft: 0 };
  _cornerSmoothing = 0;

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (copy instanceof RoundedNodeImpl) {
      copy._radii = { ...this._radii };
      copy._cornerSmoothing = this._cornerSmoothing;
    }
  }

  get cornerRadius(): number | Mixed {
    const r = this._radii;
    return r.topLeft === r.topRight && r.topLeft === r.bottomRight && r.topLeft === r.bottomLeft ? r.topLeft : MIXED;
  }

  set cornerRadius(value: unknown) {
    const r = expectNumber("set_cornerRadius", "cornerRadius", value, 0);
    this._radii = { topLeft: r, topRight: r, bottomRight: r, bottomLeft: r };
  }

  get cornerSmoothing(): number {
    return this._cornerSmoothing;
  }

  set cornerSmoothing(value: unknown) {
    this._cornerSmoothing = expectNumber("set_cornerSmoothing", "cornerSmoothing", value, 0, 1);
  }

  get topLeftRadius(): number {
    return this._radii.topLeft;
  }

  set topLeftRadius(value: unknown) {
    this._radii.topLeft = expectNumber("set_topLeftRadius", "topLeftRadius", value, 0);
  }

  get topRightRadius(): number {
    return this._radii.topRight;
  }

  set topRightRadius(value: unknown) {
    this._radii.topRight = expectNumber("set_topRightRadius", "topRightRadius", value, 0);
  }

  get bottomRightRadius(): number {
    return this._radii.bottomRight;
  }

  set bottomRightRadius(value: unknown) {
    this._radii.bottomRight = expectNumber("set_bottomRightRadius", "bottomRightRadius", value, 0);
  }

  get bottomLeftRadius(): number {
    return this._radii.bottomLeft;
  }

  set bottomLeftRadius(value: unknown) {
    this._radii.bottomLeft = expectNumber("set_bottomLeftRadius", "bottomLeftRadius", value, 0);
  }
}
