/**
 * Sections: named regions of the canvas (Figma and FigJam). They hold children without moving
 * them, sit on a page or inside another section, and do not auto layout.
 * @see https://developers.figma.com/docs/plugins/api/SectionNode
 */
import type { EmulatorCore } from "../core";
import { markLayoutDirty } from "../layout";
import { solid } from "../paints";
import { expectBoolean, expectNumber } from "../rules";
import { resizeArguments, SceneNodeImpl } from "./scene-node";
import { withChildren } from "./children";
import { withPaints } from "./paint-props";

export class SectionImpl extends withChildren(withPaints(SceneNodeImpl)) {
  override _kids: SceneNodeImpl[] = [];
  override _fills: ReadonlyArray<Paint> = solid(1, 1, 1);
  _cornerRadius = 0;
  _contentsHidden = false;

  constructor(core: EmulatorCore) {
    super(core, "Section", 100, 100);
  }

  get type(): "SECTION" {
    return "SECTION";
  }

  _blank(): SectionImpl {
    return new SectionImpl(this._core);
  }

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (!(copy instanceof SectionImpl)) return;
    copy._cornerRadius = this._cornerRadius;
    copy._contentsHidden = this._contentsHidden;
  }

  get cornerRadius(): number {
    return this._cornerRadius;
  }

  set cornerRadius(value: unknown) {
    this._cornerRadius = expectNumber("set_cornerRadius", "cornerRadius", value, 0);
  }

  get sectionContentsHidden(): boolean {
    return this._contentsHidden;
  }

  set sectionContentsHidden(value: unknown) {
    this._contentsHidden = expectBoolean("set_sectionContentsHidden", "sectionContentsHidden", value);
  }

  resize(width: unknown, height: unknown): void {
    this._resize("resize", width, height);
  }

  resizeWithoutConstraints(width: unknown, height: unknown): void {
    this._resize("resizeWithoutConstraints", width, height);
  }

  private _resize(op: string, width: unknown, height: unknown): void {
    const [w, h] = resizeArguments(op, width, height);
    this._w = this._fixedW = w;
    this._h = this._fixedH = h;
    markLayoutDirty(this);
    this._core.recordWrite(this, "width");
  }
}
