/**
 * The bottom-right corner handle that resizes the plugin window. Figma resizes it on the plugin's
 * side (`figma.ui.resize`, https://developers.figma.com/docs/plugins/api/figma-ui/#resize), which
 * also remembers the size for the next run. Drag it, or focus it and use the arrow keys (Shift: by 50).
 */
import type { JSX } from "preact";
import { useRef } from "preact/hooks";
import type { WindowSize } from "../../shared/messages";

export const MIN_SIZE: WindowSize = { width: 240, height: 200 };
export const MAX_SIZE: WindowSize = { width: 1600, height: 1600 };

export function clampSize(width: number, height: number): WindowSize {
  return {
    width: Math.round(Math.min(MAX_SIZE.width, Math.max(MIN_SIZE.width, width))),
    height: Math.round(Math.min(MAX_SIZE.height, Math.max(MIN_SIZE.height, height))),
  };
}

export function ResizeHandle({ onResize }: { onResize: (size: WindowSize) => void }) {
  const drag = useRef<{ x: number; y: number; width: number; height: number } | null>(null);
  const frame = useRef<number | null>(null);
  const latest = useRef<WindowSize | null>(null);

  // At most one resize a frame, however fast the pointer moves.
  const send = (size: WindowSize) => {
    latest.current = size;
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      if (latest.current !== null) onResize(latest.current);
    });
  };

  const onPointerDown = (event: JSX.TargetedPointerEvent<HTMLButtonElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    // Screen coordinates: the panel's own coordinates move as the window grows under the pointer.
    drag.current = { x: event.screenX, y: event.screenY, width: window.innerWidth, height: window.innerHeight };
  };
  const onPointerMove = (event: JSX.TargetedPointerEvent<HTMLButtonElement>) => {
    const start = drag.current;
    if (start === null) return;
    send(clampSize(start.width + event.screenX - start.x, start.height + event.screenY - start.y));
  };
  const onPointerUp = (event: JSX.TargetedPointerEvent<HTMLButtonElement>) => {
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLButtonElement>) => {
    const step = event.shiftKey ? 50 : 10;
    const moves: Record<string, [number, number]> = { ArrowRight: [step, 0], ArrowLeft: [-step, 0], ArrowDown: [0, step], ArrowUp: [0, -step] };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    onResize(clampSize(window.innerWidth + move[0], window.innerHeight + move[1]));
  };

  return (
    <button
      type="button"
      class="resize-handle"
      aria-label="Resize the panel (arrow keys)"
      title="Drag to resize"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    >
      <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
        <path d="M9 1 1 9M9 5 5 9" stroke="currentColor" stroke-width="1.2" fill="none" />
      </svg>
    </button>
  );
}
