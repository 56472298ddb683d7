import { type ReactNode, useState } from "react";
import { MarkdownView } from "./markdown-view.js";

export interface DescriptionEditorProps {
  /** The stored markdown; absent or empty shows "No description." */
  value: string | undefined;
  /** The textarea's accessible name. */
  label: string;
  /** Saves the text; resolves true when it was saved (the editor then closes), false to stay open. */
  onSave(text: string): Promise<boolean>;
  /** Shown under the form while editing, e.g. the error of a refused save. */
  error?: ReactNode;
}

/**
 * A markdown description shown safely (never as HTML), with an edit form: runs, registered
 * models and model versions all describe themselves this way.
 *
 * @example
 * <DescriptionEditor value={model.description} label="Model description" onSave={(text) => act(() => save(text))} />
 */
export function DescriptionEditor({ value, label, onSave, error }: DescriptionEditorProps) {
  // undefined: showing the description; a string: the draft being edited.
  const [draft, setDraft] = useState<string>();
  if (draft === undefined) {
    return (
      <div>
        {value ? <MarkdownView source={value} /> : <p className="muted">No description.</p>}
        <button type="button" onClick={() => setDraft(value ?? "")}>
          Edit description
        </button>
      </div>
    );
  }
  return (
    <form
      className="note-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await onSave(draft)) setDraft(undefined);
      }}
    >
      <textarea aria-label={label} rows={8} value={draft} onChange={(event) => setDraft(event.target.value)} />
      <div>
        <button type="submit">Save description</button>
        <button type="button" onClick={() => setDraft(undefined)}>
          Cancel
        </button>
      </div>
      {error}
    </form>
  );
}
