import { type FormEvent, useState } from "react";
import type { Tag } from "../api/types.js";
import { ErrorMessage } from "./states.js";

interface TagEditorProps {
  tags: Tag[];
  onSet(key: string, value: string): Promise<unknown>;
  onDelete(key: string): Promise<unknown>;
  /** Keys hidden from the list (system tags shown elsewhere), e.g. `mlflow.`. */
  hidePrefix?: string;
}

/** Tags as chips with remove buttons and a key/value form; every write shows the API's error. */
export function TagEditor({ tags, onSet, onDelete, hidePrefix }: TagEditorProps) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(caught as Error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!key.trim()) return;
    if (await run(() => onSet(key.trim(), value))) {
      setKey("");
      setValue("");
    }
  };
  const shown = tags.filter((tag) => !hidePrefix || !tag.key.startsWith(hidePrefix));
  return (
    <div className="tag-editor">
      <ul className="chips">
        {shown.length === 0 ? <li className="muted">No tags</li> : null}
        {shown.map((tag) => (
          <li key={tag.key} className="chip">
            <span className="chip-key">{tag.key}</span>
            {tag.value ? <span className="chip-value">{tag.value}</span> : null}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove tag ${tag.key}`}
              disabled={busy}
              onClick={() => run(() => onDelete(tag.key))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit}>
        <input aria-label="Tag key" placeholder="key" value={key} onChange={(event) => setKey(event.target.value)} />
        <input aria-label="Tag value" placeholder="value" value={value} onChange={(event) => setValue(event.target.value)} />
        <button type="submit" disabled={busy || !key.trim()}>
          Add tag
        </button>
      </form>
      {error ? <ErrorMessage error={error} title="The tag was not saved" /> : null}
    </div>
  );
}
