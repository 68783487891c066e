/**
 * Fills, strokes and stroke weight for the node classes that have them: shapes and frames
 * (LayoutNodeImpl), sections and FigJam shapes with text. Paints are validated and stored frozen:
 * mutate a copy and assign it back, as in Figma.
 * @see https://developers.figma.com/docs/plugins/api/node-properties#fills
 */
import { validatePaints } from "../paints";
import { expectNumber } from "../rules";
import type { Mixed } from "../text-content";
import type { MixinBase } from "./children";
import type { SceneNodeImpl } from "./scene-node";

/** `Base` with fills, strokes and a stroke weight (no paint and a weight of 1 until a class says otherwise). */
export function withPaints<T extends MixinBase<SceneNodeImpl>>(Base: T) {
  abstract class WithPaints extends Base {
    _fills: ReadonlyArray<Paint> = Object.freeze([]);
    _strokes: ReadonlyArray<Paint> = Object.freeze([]);
    _strokeWeight = 1;

    override _copyPropsTo(copy: SceneNodeImpl): void {
      super._copyPropsTo(copy);
      if (!(copy instanceof WithPaints)) return;
      copy._fills = this._fills;
      copy._strokes = this._strokes;
      copy._strokeWeight = this._strokeWeight;
    }

    get fills(): ReadonlyArray<Paint> | Mixed {
      return this._fills;
    }

    set fills(value: unknown) {
      this._fills = validatePaints("set_fills", value);
    }

    get strokes(): ReadonlyArray<Paint> {
      return this._strokes;
    }

    set strokes(value: unknown) {
      this._strokes = validatePaints("set_strokes", value);
    }

    get strokeWeight(): number | Mixed {
      return this._strokeWeight;
    }

    set strokeWeight(value: unknown) {
      this._strokeWeight = expectNumber("set_strokeWeight", "strokeWeight", value, 0);
    }
  }
  return WithPaints;
}
