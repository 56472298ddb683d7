import { updateQuery } from "../router/location.js";

/**
 * MLflow's filter for a case-insensitive name search (`name ILIKE '%text%'`), for experiments
 * and registered models alike; backslashes and quotes in the text are escaped so they match
 * themselves. Empty text is no filter.
 */
export function nameSearchFilter(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `name ILIKE '%${trimmed.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}%'` : "";
}

/** The search box of a list page; its text lives in the URL's `q`. */
export function NameSearchInput({ label, placeholder, value }: { label: string; placeholder: string; value: string }) {
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      defaultValue={value}
      onChange={(event) => updateQuery({ q: event.target.value }, { replace: true })}
    />
  );
}
