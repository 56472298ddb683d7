import { type KeyboardEvent, useLayoutEffect, useRef, useState } from "react";
import { applySuggestion, type Completion, type CompletionSource, complete } from "./filter-completion.js";

interface FilterBoxProps {
  value: string;
  source: CompletionSource;
  onSubmit(filter: string): void;
}

/** MLflow filter syntax with completion of keys and values; Enter applies it. */
export function FilterBox({ value, source, onSubmit }: FilterBoxProps) {
  const [text, setText] = useState(value);
  const [completion, setCompletion] = useState<Completion>();
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // Where the caret goes once an applied suggestion is rendered. Placed in a layout effect, not a
  // later animation frame, so keys typed right after Tab land after the suggestion.
  const pendingCursor = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const cursor = pendingCursor.current;
    if (cursor === undefined) return;
    pendingCursor.current = undefined;
    input.current?.setSelectionRange(cursor, cursor);
  });
  const refresh = (next: string, cursor: number) => {
    const found = complete(next, cursor, source);
    setCompletion(found.suggestions.length ? found : undefined);
    setActive(0);
  };
  const choose = (index: number) => {
    if (!completion) return;
    const suggestion = completion.suggestions[index];
    if (!suggestion) return;
    const applied = applySuggestion(text, completion, suggestion);
    setText(applied.text);
    pendingCursor.current = applied.cursor;
    refresh(applied.text, applied.cursor);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = completion?.suggestions.length ?? 0;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      setActive((active + 1) % count);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      setActive((active - 1 + count) % count);
    } else if (event.key === "Tab" && count) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Enter") {
      event.preventDefault();
      setCompletion(undefined);
      onSubmit(text.trim());
    } else if (event.key === "Escape") {
      setCompletion(undefined);
    }
  };
  return (
    <div className="filter-box popover-anchor">
      <input
        ref={input}
        type="search"
        aria-label="Filter runs"
        placeholder="metrics.loss < 0.5 and params.lr = '0.01'   (Enter to apply, Tab to complete)"
        value={text}
        spellCheck={false}
        onChange={(event) => {
          setText(event.target.value);
          refresh(event.target.value, event.target.selectionStart ?? event.target.value.length);
        }}
        onFocus={(event) => refresh(text, event.target.selectionStart ?? text.length)}
        onBlur={() => setTimeout(() => setCompletion(undefined), 150)}
        onKeyDown={onKeyDown}
      />
      {completion ? (
        <div className="popover completions" role="listbox" aria-label="Suggestions">
          {completion.suggestions.map((suggestion, index) => (
            <button
              key={suggestion.label}
              type="button"
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
            >
              {suggestion.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
