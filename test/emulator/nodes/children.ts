/**
 * The Plugin API's children methods (children, appendChild, insertChild and the find family) for the
 * node classes that hold scene nodes: pages, frames and sections. Each delegates to the tree
 * (tree.ts), which applies Figma's rules (reparenting, dynamic-page, search order).
 * @see https://developers.figma.com/docs/plugins/api/properties/nodes-children
 */
import type { BaseNodeImpl } from "./base-node";
import { childrenOf, findAll, findAllWithCriteria, findChild, findChildren, findOne, insertChild } from "./tree";

/**
 * A node class a mixin extends. TypeScript takes a class as a mixin's base only when its constructor
 * takes `...args: any[]` (error TS2545): `unknown[]` or `never[]` are refused. The `any` is confined to
 * the constructor's arguments; each class built on a mixin keeps its own typed constructor.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TS2545 requires any[] for a mixin's base constructor
export type MixinBase<Node extends BaseNodeImpl> = abstract new (...args: any[]) => Node;

/**
 * `Base` with the children methods of a node whose `_kids` are `Child` nodes: scene nodes, or the
 * document's pages. Where Figma's rules differ by node (a page not loaded, a search of the whole
 * document before every page is loaded), the tree applies them.
 */
export function withChildren<T extends MixinBase<BaseNodeImpl>, Child extends BaseNode = SceneNode>(Base: T) {
  abstract class WithChildren extends Base {
    /** A page's throw until it is loaded (dynamic-page); the document's list every page, loaded or not. */
    get children(): ReadonlyArray<Child> {
      return childrenOf(this) as ReadonlyArray<Child>;
    }

    appendChild(child: unknown): void {
      insertChild(this, "appendChild", undefined, child);
    }

    insertChild(index: unknown, child: unknown): void {
      insertChild(this, "insertChild", index, child);
    }

    findAll(callback?: unknown): BaseNode[] {
      return findAll(this, callback);
    }

    findOne(callback: unknown): BaseNode | null {
      return findOne(this, callback);
    }

    findChildren(callback?: unknown): BaseNode[] {
      return findChildren(this, callback);
    }

    findChild(callback: unknown): BaseNode | null {
      return findChild(this, callback);
    }

    findAllWithCriteria(criteria: unknown): BaseNode[] {
      return findAllWithCriteria(this, criteria);
    }

    findWidgetNodesByWidgetId(): WidgetNode[] {
      return [];
    }
  }
  return WithChildren;
}
