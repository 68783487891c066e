/**
 * Text fields drawn like the kit's Textbox and TextboxMultiline (24 px, Figma's secondary
 * background, a border on hover and focus), built on plain <input> and <textarea>: the same look
 * for about a fifth of the bytes in dist/ui.html (250 kB budget). A textarea grows with its text,
 * the way the kit's does: an invisible copy of the text sizes the cell they share.
 */
import type { JSX } from "preact";
import { withoutHiddenCharacters } from "../../shared/model";

/** What a field passes on: the typed or pasted text without NUL bytes and text-direction overrides (see the model). */
const typed = (event: { currentTarget: { value: string } }) => withoutHiddenCharacters(event.currentTarget.value);

type Common = {
  id: string;
  value: string;
  onValueInput: (value: string) => void;
  placeholder?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

export function TextInput({ onValueInput, ...props }: Common & { inputMode?: JSX.HTMLAttributes["inputMode"] }) {
  return <input {...props} class="text-input" type="text" spellcheck={false} onInput={(event) => onValueInput(typed(event))} />;
}

export function TextArea({ onValueInput, rows = 2, ...props }: Common & { rows?: number }) {
  return (
    <div class="text-area" data-copy={`${props.value} `}>
      <textarea {...props} class="text-input" rows={rows} spellcheck={false} onInput={(event) => onValueInput(typed(event))} />
    </div>
  );
}
