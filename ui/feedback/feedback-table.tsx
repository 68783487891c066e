/**
 * The feedback table: filters, a text search, and a virtualised list (only the rows in view are
 * drawn, so 200,000 rows scroll and filter as fast as 20). Arrow keys move through the rows; the
 * row in focus is shown whole below the list.
 */
import { Button } from "../kit";
import { TextInput } from "../components/text-input";
import { memo } from "preact/compat";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { JSX } from "preact";
import type { Feedback, JourneyMap } from "../../shared/model";
import { feedbackStageId } from "../../shared/metrics";
import { summaryTotals } from "../../shared/summary";
import { formatCount } from "../components/common";
import { SelectField } from "../components/fields";
import { useStore } from "../state/store";
import {
  DISAGREE,
  NO_FILTER,
  feedbackFacets,
  filterFeedback,
  hasFeedbackFacets,
  ratingKey,
  type FeedbackFacets,
  type FeedbackFilter,
} from "./feedback-filter";

const ROW_HEIGHT = 40;
const OVERSCAN = 6;
/** Sources beyond this many are left out of the filter's menu (the search finds them). */
const LISTED_SOURCES = 150;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const NO_FACETS: FeedbackFacets = { sources: [], ratings: [] };

/**
 * The sources and ratings for the filter menus. For a large import they are worked out in the task
 * after the table has been drawn, so the rows appear first and the menus fill in a moment later.
 */
function useFacets(feedback: readonly Feedback[]): FeedbackFacets {
  const small = feedback.length < 20_000 || hasFeedbackFacets(feedback);
  const [known, setKnown] = useState<{ feedback: readonly Feedback[]; facets: FeedbackFacets } | null>(null);
  useEffect(() => {
    if (small) return;
    const timer = setTimeout(() => setKnown({ feedback, facets: feedbackFacets(feedback) }), 0);
    return () => clearTimeout(timer);
  }, [feedback, small]);
  if (small) return feedbackFacets(feedback);
  return known?.feedback === feedback ? known.facets : NO_FACETS;
}

function ratingText(row: Feedback): string {
  if (row.rating === null || row.scale === null) return "—";
  return `${row.rating}/${row.scale.max}${row.scale.min === 0 ? " (0–" + row.scale.max + ")" : ""}`;
}

/** Drawn again only when the map changes (not on every tick of an import's progress bar). */
export const FeedbackTable = memo(function FeedbackTable({ model }: { model: JourneyMap }) {
  const store = useStore();
  const [filter, setFilter] = useState<FeedbackFilter>(NO_FILTER);
  const [searchText, setSearchText] = useState("");
  const search = useDebounced(searchText, 150);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const [viewport, setViewport] = useState(320);
  const listRef = useRef<HTMLDivElement>(null);

  const stageNames = useMemo(() => new Map(model.stages.map((s) => [s.id, s.name])), [model.stages]);
  const touchpointNames = useMemo(() => new Map(model.touchpoints.map((t) => [t.id, t.name])), [model.touchpoints]);
  const personaNames = useMemo(() => new Map(model.personas.map((p) => [p.id, p.name])), [model.personas]);
  const stageOfTouchpoint = useMemo(() => new Map(model.touchpoints.map((t) => [t.id, t.stageId])), [model.touchpoints]);
  const facets = useFacets(model.feedback);

  // A filter naming something that no longer exists (a deleted stage) falls back to "all".
  const effective: FeedbackFilter = {
    ...filter,
    search,
    stageId: filter.stageId === "all" || filter.stageId === "none" || stageNames.has(filter.stageId) ? filter.stageId : "all",
    touchpointId:
      filter.touchpointId === "all" || filter.touchpointId === "none" || touchpointNames.has(filter.touchpointId) ? filter.touchpointId : "all",
    personaId: filter.personaId === "all" || filter.personaId === "none" || personaNames.has(filter.personaId) ? filter.personaId : "all",
    source: filter.source !== null && facets.sources.some((s) => s.value === filter.source) ? filter.source : null,
    rating: filter.rating === "all" || filter.rating === "rated" || filter.rating === "text-only" || filter.rating === DISAGREE || facets.ratings.some((r) => r.key === filter.rating) ? filter.rating : "all",
  };
  const filterKey = JSON.stringify(effective);
  const visible = useMemo(() => filterFeedback(model, effective), [model.feedback, model.touchpoints, filterKey]);

  useEffect(() => {
    const list = listRef.current;
    if (list === null) return;
    const observer = new ResizeObserver(() => setViewport(list.clientHeight));
    observer.observe(list);
    return () => observer.disconnect();
  }, []);
  // A new filter starts at the top.
  useEffect(() => {
    setActive(0);
    setScrollTop(0);
    if (listRef.current) listRef.current.scrollTop = 0;
  }, [filterKey]);

  const count = visible.length;
  const summarised = useMemo(() => summaryTotals(model.summary).rows, [model.summary]);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const activeRow = count > 0 ? model.feedback[visible[activeIndex] ?? 0] : undefined;

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    const list = listRef.current;
    if (list === null) return;
    const top = next * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
  };
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in keys) moveTo(activeIndex + (keys[event.key] ?? 0));
    else if (event.key === "Home") moveTo(0);
    else if (event.key === "End") moveTo(count - 1);
    else return;
    event.preventDefault();
  };

  const set = (change: Partial<FeedbackFilter>) => setFilter((current) => ({ ...current, ...change }));
  const stageTouchpoints = effective.stageId === "all" ? model.touchpoints : model.touchpoints.filter((t) => t.stageId === effective.stageId);
  const rowId = (index: number) => `feedback-row-${index}`;

  return (
    <div class="feedback-table">
      <div class="filters" role="search" aria-label="Filter feedback">
        <div class="field filter-search">
          <label class="visually-hidden" for="feedback-search">
            Search feedback
          </label>
          <TextInput id="feedback-search" value={searchText} placeholder="Search comments and sources" onValueInput={setSearchText} />
        </div>
        <SelectField
          id="filter-stage"
          label="Stage"
          value={effective.stageId}
          options={[{ value: "all", text: "All stages" }, { value: "none", text: "No stage" }, "-", ...model.stages.map((s) => ({ value: s.id, text: s.name }))]}
          onChange={(stageId) => set({ stageId, touchpointId: "all" })}
        />
        <SelectField
          id="filter-touchpoint"
          label="Touchpoint"
          value={effective.touchpointId}
          options={[
            { value: "all", text: "All touchpoints" },
            { value: "none", text: "No touchpoint" },
            "-",
            ...stageTouchpoints.map((t) => ({ value: t.id, text: effective.stageId === "all" ? `${t.name} (${stageNames.get(t.stageId) ?? ""})` : t.name })),
          ]}
          onChange={(touchpointId) => set({ touchpointId })}
        />
        <SelectField
          id="filter-persona"
          label="Persona"
          value={effective.personaId}
          options={[{ value: "all", text: "All personas" }, { value: "none", text: "No persona" }, "-", ...model.personas.map((p) => ({ value: p.id, text: p.name }))]}
          onChange={(personaId) => set({ personaId })}
        />
        <SelectField
          id="filter-source"
          label="Source"
          value={effective.source === null ? "all" : `s:${effective.source}`}
          options={[
            { value: "all", text: "All sources" },
            "-",
            ...facets.sources.slice(0, LISTED_SOURCES).map((s) => ({ value: `s:${s.value}`, text: `${s.value === "" ? "(no source)" : s.value} (${formatCount(s.count)})` })),
          ]}
          onChange={(value) => set({ source: value === "all" ? null : value.slice(2) })}
        />
        <SelectField
          id="filter-rating"
          label="Rating"
          value={effective.rating}
          options={[
            { value: "all", text: "Any rating" },
            { value: "rated", text: "Rated" },
            { value: "text-only", text: "Text only" },
            { value: DISAGREE, text: "Rating and text disagree" },
            "-",
            ...facets.ratings.map((r) => ({ value: r.key, text: `${r.rating} on ${r.min}–${r.max} (${formatCount(r.count)})` })),
          ]}
          onChange={(rating) => set({ rating })}
        />
      </div>
      <p class="hint" data-testid="feedback-scope">
        {summarised > 0
          ? `${formatCount(model.feedback.length)} rows kept as evidence; ${formatCount(summarised)} more are counted in the summaries.`
          : `All ${formatCount(model.feedback.length)} rows, as imported or typed in.`}
      </p>
      <div class="table-meta">
        <span role="status">
          Showing {formatCount(count)} of {formatCount(model.feedback.length)} rows
        </span>
        {filterKey !== JSON.stringify({ ...NO_FILTER, search: "" }) || searchText !== "" ? (
          <Button
            secondary
            onClick={() => {
              setFilter(NO_FILTER);
              setSearchText("");
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </div>
      <div
        ref={listRef}
        class="virtual-list"
        role="listbox"
        aria-label={`Feedback, ${formatCount(count)} rows`}
        tabIndex={0}
        aria-activedescendant={count > 0 ? rowId(activeIndex) : undefined}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: `${count * ROW_HEIGHT}px`, position: "relative" }}>
          {Array.from({ length: Math.max(0, last - first) }, (_, k) => {
            const index = first + k;
            const row = model.feedback[visible[index] ?? 0];
            if (row === undefined) return null;
            const stageId = feedbackStageId(row, stageOfTouchpoint);
            const where = [
              stageId === null ? null : stageNames.get(stageId),
              row.touchpointId === null ? null : touchpointNames.get(row.touchpointId),
              row.personaId === null ? null : personaNames.get(row.personaId),
              row.source || null,
              row.date,
            ].filter((part) => part !== null && part !== undefined && part !== "");
            return (
              <div
                key={index}
                id={rowId(index)}
                role="option"
                aria-selected={index === activeIndex}
                aria-posinset={index + 1}
                aria-setsize={count}
                class={`virtual-row${index === activeIndex ? " virtual-row-active" : ""}`}
                style={{ top: `${index * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }}
                onMouseDown={() => setActive(index)}
              >
                <div class="virtual-row-main">
                  <span class={`rating-badge${row.rating === null ? " rating-none" : ""}`} data-rating={ratingKey(row) ?? ""}>
                    {ratingText(row)}
                  </span>
                  <span class="virtual-row-text">{row.text === "" ? <em class="muted">no comment</em> : row.text}</span>
                </div>
                <div class="virtual-row-meta">{where.join(" · ")}</div>
              </div>
            );
          })}
        </div>
      </div>
      {activeRow !== undefined ? (
        <div class="row-detail" aria-label="Selected feedback">
          <p class="row-detail-text">{activeRow.text === "" ? <em class="muted">No comment.</em> : activeRow.text}</p>
          <div class="row-detail-meta">
            <span>
              {ratingText(activeRow)} · {activeRow.kind}
              {activeRow.date ? ` · ${activeRow.date}` : ""}
            </span>
            <Button secondary onClick={() => store.remove("feedback", [activeRow.id], "a feedback row")}>
              Delete this row
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
});
