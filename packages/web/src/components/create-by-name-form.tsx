import { type FormEvent, useState } from "react";

interface CreateByNameFormProps {
  /** The input's label and placeholder, e.g. "New model name". */
  label: string;
  /** The button's text, e.g. "Create model". */
  action: string;
  /** Called with the trimmed name; reports its own errors (the page shows them). */
  onCreate(name: string): Promise<void>;
}

/** The "name + Create" form in a list page's header. */
export function CreateByNameForm({ label, action, onCreate }: CreateByNameFormProps) {
  const [name, setName] = useState("");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed) await onCreate(trimmed);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input aria-label={label} placeholder={label} value={name} onChange={(event) => setName(event.target.value)} />
      <button type="submit" disabled={!name.trim()}>
        {action}
      </button>
    </form>
  );
}
