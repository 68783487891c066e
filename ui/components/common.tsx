/**
 * Small building blocks the sections share: a collapsible card with its actions, an icon action
 * with a name, a section heading, a progress bar.
 */
import { Button, IconButton, IconChevronDown16 } from "../kit";
import type { ComponentChildren, JSX } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";

interface IconActionProps {
  /** What the button does, in words: read by assistive tech and shown as a tooltip. */
  label: string;
  onClick: () => void;
  disabled?: boolean;
  id?: string;
  children: ComponentChildren;
  onKeyDown?: (event: JSX.TargetedKeyboardEvent<HTMLButtonElement>) => void;
}

export function IconAction({ label, onClick, disabled, id, children, onKeyDown }: IconActionProps) {
  return (
    <IconButton id={id} aria-label={label} title={label} onClick={onClick} disabled={disabled} onKeyDown={onKeyDown} class="icon-action">
      {children}
    </IconButton>
  );
}

/** Moves focus to an element after the next render (a list item that moved loses focus). */
export function useFocusAfterRender(): (id: string) => void {
  const pending = useRef<string | null>(null);
  // A layout effect: focus returns in the same frame as the re-render that moved the element, so a
  // keyboard user never sees it lost (moving a focused element in the DOM blurs it).
  useLayoutEffect(() => {
    if (pending.current === null) return;
    document.getElementById(pending.current)?.focus();
    pending.current = null;
  });
  return (id) => {
    pending.current = id;
  };
}

interface MoveButtonsProps {
  /** Prefix of the buttons' ids, so that focus can follow the item it moved. */
  idPrefix: string;
  name: string;
  index: number;
  count: number;
  /** Moves the item by `delta`; `focusId` is the button to focus afterwards. */
  onMove: (delta: number, focusId: string) => void;
}

/** "Move up" and "Move down" for an item of an ordered list. */
export function MoveButtons({ idPrefix, name, index, count, onMove }: MoveButtonsProps) {
  const up = `${idPrefix}-up`;
  const down = `${idPrefix}-down`;
  return (
    <>
      <IconAction id={up} label={`Move “${name}” up`} disabled={index === 0} onClick={() => onMove(-1, index === 1 ? down : up)}>
        <span class="rotate-180">
          <IconChevronDown16 />
        </span>
      </IconAction>
      <IconAction id={down} label={`Move “${name}” down`} disabled={index === count - 1} onClick={() => onMove(1, index === count - 2 ? up : down)}>
        <IconChevronDown16 />
      </IconAction>
    </>
  );
}

interface CardProps {
  id: string;
  title: ComponentChildren;
  /** The card's name for assistive tech when `title` is not plain text. */
  label: string;
  open: boolean;
  onToggle: () => void;
  actions?: ComponentChildren;
  children: ComponentChildren;
  onHeaderKeyDown?: (event: JSX.TargetedKeyboardEvent<HTMLButtonElement>) => void;
  invalid?: boolean;
}

/** A collapsible card: a header button (Enter/Space toggles) and actions beside it. */
export function Card({ id, title, label, open, onToggle, actions, children, onHeaderKeyDown, invalid }: CardProps) {
  return (
    <section class={`card${open ? " card-open" : ""}${invalid ? " card-invalid" : ""}`} aria-label={label}>
      <div class="card-header">
        <button
          type="button"
          id={id}
          class="card-toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={onToggle}
          onKeyDown={onHeaderKeyDown}
        >
          <span class={open ? "card-chevron" : "card-chevron closed"} aria-hidden="true">
            <IconChevronDown16 />
          </span>
          <span class="card-title">{title}</span>
        </button>
        {actions ? <div class="card-actions">{actions}</div> : null}
      </div>
      {open ? (
        <div class="card-body" id={`${id}-body`}>
          {children}
        </div>
      ) : null}
    </section>
  );
}

export function SectionHeading({ title, children, level = 2 }: { title: string; children?: ComponentChildren; level?: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <div class="section-heading">
      <Heading>{title}</Heading>
      {children ? <div class="section-heading-actions">{children}</div> : null}
    </div>
  );
}

export function ProgressBar({ label, done, total, detail }: { label: string; done: number; total: number; detail?: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((100 * done) / total)) : 0;
  return (
    <div class="progress">
      <div class="progress-label" id="progress-label">
        {label}
      </div>
      <div
        class="progress-track"
        role="progressbar"
        aria-labelledby="progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={detail ?? `${percent} %`}
      >
        <div class="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      {detail ? <div class="progress-detail">{detail}</div> : null}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** One formatter for the panel: `toLocaleString` builds a new one on every call (about 50 µs each). */
const counts = new Intl.NumberFormat("en");

/** Numbers as people read them in the panel: "1,234", "4.2", "—" for none. */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** "1 card", "3 cards", "1,204 values": a count with its noun (plural with an "s"). */
export function countOf(value: number, noun: string): string {
  return `${formatCount(value)} ${noun}${value === 1 ? "" : "s"}`;
}

export function formatMetric(value: number | null, digits = 1, suffix = ""): string {
  if (value === null || !Number.isFinite(value)) return "—";
  return `${value.toFixed(digits)}${suffix}`;
}

/**
 * Long lists are drawn a page at a time: a journey whose "stage" column was a free-text column has
 * 20,000 stages, and drawing them all took the Journey tab 25 s and Insights 18 s.
 */
export const PAGE_SIZE = 50;

/** The first index of the page holding `index`, for a list of `count` items. */
export function pageStart(index: number, count: number): number {
  const last = Math.max(0, Math.min(index, count - 1));
  return last - (last % PAGE_SIZE);
}

/** "Stages 51–100 of 20,000" with buttons to the pages before and after; nothing for a short list. */
export function Pager({ start, count, noun, onStart }: { start: number; count: number; noun: string; onStart: (start: number) => void }) {
  if (count <= PAGE_SIZE) return null;
  const end = Math.min(count, start + PAGE_SIZE);
  return (
    <nav class="pager toolbar" aria-label={`Pages of ${noun}`}>
      <Button secondary disabled={start === 0} onClick={() => onStart(start - PAGE_SIZE)}>
        Previous
      </Button>
      <span role="status">
        {noun} {formatCount(start + 1)}–{formatCount(end)} of {formatCount(count)}
      </span>
      <Button secondary disabled={end === count} onClick={() => onStart(start + PAGE_SIZE)}>
        Next
      </Button>
    </nav>
  );
}

/** A list drawn a page at a time (see `Pager`): `children` draws the page's items, given the index of the first. */
export function Paged<T>({ items, noun, children }: { items: readonly T[]; noun: string; children: (page: readonly T[], first: number) => ComponentChildren }) {
  const [wanted, setStart] = useState(0);
  const start = pageStart(wanted, items.length);
  return (
    <>
      {children(items.length > PAGE_SIZE ? items.slice(start, start + PAGE_SIZE) : items, start)}
      <Pager start={start} count={items.length} noun={noun} onStart={setStart} />
    </>
  );
}
