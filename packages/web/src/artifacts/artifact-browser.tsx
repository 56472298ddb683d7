import { tracking } from "../api/tracking.js";
import { useApi } from "../api/use-api.js";
import { Empty, ErrorMessage, Loading } from "../components/states.js";
import { formatBytes } from "../format.js";
import { updateQuery } from "../router/location.js";
import { ArtifactPreview } from "./artifact-preview.js";
import { RegisterModelForm } from "./register-model-form.js";

/** Folder navigation and a preview pane; the folder and the file are in the URL (`path`, `file`). */
export function ArtifactBrowser({ runId, path, file }: { runId: string; path: string; file: string | undefined }) {
  const listing = useApi(() => tracking.listArtifacts(runId, path), [runId, path]);
  const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  const files = listing.data?.files ?? [];
  const chosen = files.find((entry) => entry.path === file);
  return (
    <div className="artifacts">
      <div className="artifact-list">
        <div className="muted mono">{listing.data?.rootUri}</div>
        <div className="breadcrumbs">
          <button type="button" className="link-button" onClick={() => updateQuery({ path: undefined, file: undefined })}>
            artifacts
          </button>
          {path
            .split("/")
            .filter(Boolean)
            .map((part, index, parts) => (
              <span key={parts.slice(0, index + 1).join("/")}>
                {" / "}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => updateQuery({ path: parts.slice(0, index + 1).join("/"), file: undefined })}
                >
                  {part}
                </button>
              </span>
            ))}
        </div>
        {listing.error ? <ErrorMessage error={listing.error} title="Could not list artifacts" /> : null}
        {listing.loading && !listing.data ? <Loading what="Listing" /> : null}
        {listing.data && files.length === 0 ? <Empty>No artifacts here.</Empty> : null}
        {listing.data && files.some((entry) => entry.path.endsWith("MLmodel") && !entry.is_dir) ? (
          <RegisterModelForm runId={runId} source={path ? `${listing.data.rootUri}/${path}` : listing.data.rootUri} />
        ) : null}
        <ul>
          {path ? (
            <li>
              <button type="button" className="link-button" onClick={() => updateQuery({ path: parent || undefined, file: undefined })}>
                ..
              </button>
            </li>
          ) : null}
          {files.map((entry) => {
            const name = entry.path.slice(entry.path.lastIndexOf("/") + 1);
            return (
              <li key={entry.path} className={entry.path === file ? "active" : ""}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => updateQuery(entry.is_dir ? { path: entry.path, file: undefined } : { file: entry.path })}
                >
                  {entry.is_dir ? "📁 " : "📄 "}
                  {name}
                </button>{" "}
                <span className="muted">{entry.is_dir ? "" : formatBytes(entry.file_size)}</span>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="artifact-pane">
        {file ? (
          <ArtifactPreview runId={runId} path={file} {...(chosen?.file_size !== undefined ? { size: chosen.file_size } : {})} />
        ) : (
          <Empty>Choose a file to preview it.</Empty>
        )}
      </div>
    </div>
  );
}
