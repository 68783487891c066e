/**
 * Labelled form fields bound to the map. A field commits to the map only what is valid; while its
 * text is not valid (an emptied name, "7" as an importance) the text is kept as a pending edit (saved
 * with the draft) and its error is shown under it, so nothing typed is lost and the map stays valid.
 */
import { IconChevronDown16 } from "../kit";
import { TextArea, TextInput } from "./text-input";
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useStore } from "../state/store";
import { NUMBER_LIMIT } from "../../shared/model";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A DOM id from a field key (`stage_x/name` → `f-stage_x-name`). */
export function domId(key: string): string {
  return `f-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

interface FieldFrameProps {
  id: string;
  label: string;
  hideLabel?: boolean;
  error: string | null;
  hint?: string;
  children: ComponentChildren;
  class?: string;
}

export function FieldFrame({ id, label, hideLabel, error, hint, children, class: extra }: FieldFrameProps) {
  return (
    <div class={`field${error ? " field-invalid" : ""}${extra ? ` ${extra}` : ""}`}>
      <label class={hideLabel ? "visually-hidden" : "field-label"} for={id}>
        {label}
      </label>
      {children}
      {error !== null ? (
        <div class="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div class="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

interface BoundFieldProps<T> {
  /** See `fieldKey`: `<entity id>/<field>`. */
  fieldKey: string;
  label: string;
  hideLabel?: boolean;
  hint?: string;
  value: T;
  format: (value: T) => string;
  parse: (text: string) => Parsed<T>;
  equal?: (a: T, b: T) => boolean;
  onCommit: (value: T) => void;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  inputMode?: "text" | "decimal" | "numeric";
  class?: string;
}

/** A text field whose text is parsed into a value of the map. */
export function BoundField<T>(props: BoundFieldProps<T>) {
  const { fieldKey, value, format, parse, onCommit } = props;
  const equal = props.equal ?? Object.is;
  const store = useStore();
  const pending = store.state.pendingEdits[fieldKey];
  const [text, setText] = useState(pending ?? format(value));

  // The map changed from elsewhere (undo, read from the canvas): show it, unless an edit is pending.
  useEffect(() => {
    if (pending !== undefined) {
      setText(pending);
      return;
    }
    const current = parse(text);
    if (!current.ok || !equal(current.value, value)) setText(format(value));
    // Only when the map's value or the pending text changes, not on every keystroke.
  }, [value, pending]);

  const onInput = (next: string) => {
    setText(next);
    const parsed = parse(next);
    if (parsed.ok) {
      store.setPendingEdit(fieldKey, null);
      if (!equal(parsed.value, value)) onCommit(parsed.value);
    } else {
      store.setPendingEdit(fieldKey, next);
    }
  };

  const parsed = parse(text);
  const error = parsed.ok ? null : parsed.error;
  const id = domId(fieldKey);
  const described = error !== null ? `${id}-error` : props.hint ? `${id}-hint` : undefined;
  return (
    <FieldFrame id={id} label={props.label} hideLabel={props.hideLabel} error={error} hint={props.hint} class={props.class}>
      {props.multiline ? (
        <TextArea
          id={id}
          value={text}
          rows={props.rows ?? 2}
          placeholder={props.placeholder}
          onValueInput={onInput}
          aria-invalid={error !== null}
          aria-describedby={described}
        />
      ) : (
        <TextInput
          id={id}
          value={text}
          placeholder={props.placeholder}
          onValueInput={onInput}
          inputMode={props.inputMode}
          aria-invalid={error !== null}
          aria-describedby={described}
        />
      )}
    </FieldFrame>
  );
}

const asIs = (text: string): Parsed<string> => ({ ok: true, value: text });
const same = (text: string) => text;

/** Free text; `required` refuses an empty one ("a stage needs a name"). */
export function TextField(
  props: Omit<BoundFieldProps<string>, "format" | "parse"> & { required?: string },
) {
  const { required } = props;
  const parse = required
    ? (text: string): Parsed<string> => (text.trim() === "" ? { ok: false, error: required } : { ok: true, value: text })
    : asIs;
  return <BoundField {...props} format={same} parse={parse} />;
}

/** Lines of text ↔ a list of strings (goals, frustrations …); blank lines are dropped. */
export function ListField(props: Omit<BoundFieldProps<string[]>, "format" | "parse" | "equal" | "multiline">) {
  return (
    <BoundField
      {...props}
      multiline
      format={(list) => list.join("\n")}
      parse={(text) => ({
        ok: true,
        value: text
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => line !== ""),
      })}
      equal={(a, b) => a.length === b.length && a.every((item, i) => item === b[i])}
    />
  );
}

/** Reads "4", "4.5" or "4,5"; null for an empty text. */
export function readNumber(text: string): number | null | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

export function formatNumber(value: number | null): string {
  if (value === null) return "";
  return String(Math.round(value * 1000) / 1000);
}

interface NumberRule {
  /** "Importance" in "Importance is a number from 1 to 5". */
  what: string;
  min?: number;
  max?: number;
  integer?: boolean;
}

export function numberParser(rule: NumberRule & { optional: boolean }): (text: string) => Parsed<number | null> {
  const range =
    rule.min !== undefined && rule.max !== undefined
      ? ` from ${rule.min} to ${rule.max}`
      : rule.min !== undefined
        ? ` of at least ${rule.min}`
        : rule.max !== undefined
          ? ` of at most ${rule.max}`
          : "";
  const kind = rule.integer ? "a whole number" : "a number";
  const error = `${rule.what} is ${kind}${range}`;
  return (text) => {
    const value = readNumber(text);
    if (value === null) return rule.optional ? { ok: true, value: null } : { ok: false, error: `${error}; it cannot be empty` };
    if (value === undefined) return { ok: false, error: `${error}, not "${text.trim()}"` };
    // 1e308 is a number, but sums and products of it overflow to Infinity: the model's bound, said here as the person types.
    if (Math.abs(value) > NUMBER_LIMIT) return { ok: false, error: `${rule.what} must lie between −1,000,000,000,000 and 1,000,000,000,000` };
    if ((rule.integer && !Number.isInteger(value)) || (rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
      return { ok: false, error };
    }
    return { ok: true, value };
  };
}

/** A number of the map; `optional` lets the field be emptied (null: "unknown"). */
export function NumberField(
  props: Omit<BoundFieldProps<number | null>, "format" | "parse" | "onCommit" | "value"> &
    NumberRule & { value: number | null; optional?: boolean; onCommit: (value: number | null) => void },
) {
  const parse = numberParser({ what: props.what, min: props.min, max: props.max, integer: props.integer, optional: props.optional ?? false });
  return <BoundField {...props} inputMode="decimal" format={formatNumber} parse={parse} />;
}

/** An option of a `SelectField`: a value and its text; "-" separates groups. */
export type SelectOption = { value: string; text?: string } | "-";

interface SelectFieldProps {
  id: string;
  label: string;
  hideLabel?: boolean;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  disabled?: boolean;
  class?: string;
}

/**
 * A labelled choice, drawn like the kit's Dropdown (a 24 px box, a chevron) but built on a native
 * <select>: its label, role and value reach assistive tech as they are, the keyboard works as
 * everywhere, and it costs a fraction of the kit's menu in dist/ui.html (250 kB budget).
 */
export function SelectField({ id, label, hideLabel, value, options, onChange, disabled, class: extra }: SelectFieldProps) {
  return (
    <div class={`field${extra ? ` ${extra}` : ""}`}>
      <label class={hideLabel ? "visually-hidden" : "field-label"} for={id}>
        {label}
      </label>
      <div class="select">
        <select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)}>
          {options.map((option, i) =>
            option === "-" ? (
              <option key={`-${i}`} disabled>
                ──────────
              </option>
            ) : (
              <option key={option.value} value={option.value}>
                {option.text ?? option.value}
              </option>
            ),
          )}
        </select>
        <IconChevronDown16 />
      </div>
    </div>
  );
}

export function CheckboxField({ label, value, onChange, disabled }: { label: string; value: boolean; onChange: (value: boolean) => void; disabled?: boolean }) {
  return (
    // A native checkbox in Figma's brand colour: the kit's Checkbox cost 1.8 kB of the panel's budget.
    <label class="field field-checkbox">
      <input type="checkbox" checked={value} disabled={disabled} onChange={(event) => onChange(event.currentTarget.checked)} />
      {label}
    </label>
  );
}

interface ChoiceProps<T extends string> {
  name: string;
  label: string;
  value: T;
  options: readonly { value: T; text: string }[];
  onChange: (value: T) => void;
}

/**
 * A labelled radio group drawn like the kit's SegmentedControl (arrow keys move between its
 * options): plain radio buttons in a few lines of CSS, for a tenth of the kit control's bytes.
 */
export function Choice<T extends string>({ name, label, value, options, onChange }: ChoiceProps<T>) {
  return (
    <div class="field">
      <span class="field-label" id={`${name}-label`}>
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={`${name}-label`} class="choice">
        {options.map((o) => (
          <label key={o.value} class={o.value === value ? "choice-on" : undefined}>
            <input type="radio" name={name} class="visually-hidden" value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
            {o.text}
          </label>
        ))}
      </div>
    </div>
  );
}
