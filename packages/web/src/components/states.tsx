import type { ReactNode } from "react";

/** The three states every view shows plainly: waiting, failed (with the API's message), nothing yet. */
export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" /> {what}…
    </div>
  );
}

export function ErrorMessage({ error, title = "Something went wrong" }: { error: Error; title?: string }) {
  const code = (error as { code?: string }).code;
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <p>{error.message}</p>
      {code ? <code>{code}</code> : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}
