import { useEffect, useState } from "react";
import { tracking } from "../api/tracking.js";
import { Empty, ErrorMessage, Loading } from "../components/states.js";
import { formatBytes } from "../format.js";
import { parseCsv } from "./csv.js";

type Kind = "text" | "json" | "csv" | "tsv" | "image" | "none";

const TEXT = /\.(txt|log|md|py|yaml|yml|toml|ini|cfg|sh|r|sql|js|ts|html|xml|conf|requirements)$/i;

function kindOf(path: string): Kind {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name === "MLmodel" || name === "requirements.txt" || name === "conda.yaml" || name === "python_env.yaml" || TEXT.test(name))
    return "text";
  if (/\.json$/i.test(name)) return "json";
  if (/\.csv$/i.test(name)) return "csv";
  if (/\.tsv$/i.test(name)) return "tsv";
  if (/\.(png|jpe?g|gif|webp|bmp|svg)$/i.test(name)) return "image";
  return "none";
}

/** Files bigger than this are not previewed; the download link still works. */
const MAX_PREVIEW_BYTES = 5 * 1024 * 1024;

/**
 * Previews one artifact: text, pretty JSON, YAML and MLmodel as text, CSV/TSV as a table,
 * images through a blob: URL. Content is always shown as text or an image, never as HTML.
 */
export function ArtifactPreview({ runId, path, size }: { runId: string; path: string; size?: number }) {
  const kind = kindOf(path);
  const [content, setContent] = useState<{ text?: string; image?: string }>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    setContent(undefined);
    setError(undefined);
    if (kind === "none" || (size ?? 0) > MAX_PREVIEW_BYTES) return;
    let url: string | undefined;
    let cancelled = false;
    tracking.readArtifact(runId, path, kind === "image" ? "blob" : "text").then(
      (body) => {
        if (cancelled) return;
        if (typeof body === "string") setContent({ text: body });
        else {
          // The server sends attachments as octet-stream for unknown types; the blob gets the image type back.
          const type = /\.svg$/i.test(path) ? "image/svg+xml" : body.type || "image/png";
          url = URL.createObjectURL(new Blob([body], { type }));
          setContent({ image: url });
        }
      },
      (caught: Error) => !cancelled && setError(caught),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [runId, path, kind, size]);

  const download = (
    <a className="button" href={tracking.artifactUrl(runId, path)} download>
      Download {formatBytes(size)}
    </a>
  );
  let body: React.ReactNode = null;
  if (kind === "none") body = <Empty>No preview for this file type.</Empty>;
  else if ((size ?? 0) > MAX_PREVIEW_BYTES) body = <Empty>Too large to preview ({formatBytes(size)}).</Empty>;
  else if (error) body = <ErrorMessage error={error} title="Could not read the file" />;
  else if (!content) body = <Loading what="Reading" />;
  else if (content.image) body = <img className="artifact-image" src={content.image} alt={path} />;
  else if (kind === "json") {
    let pretty = content.text ?? "";
    try {
      pretty = JSON.stringify(JSON.parse(pretty), null, 2);
    } catch {}
    body = <pre className="artifact-text">{pretty}</pre>;
  } else if (kind === "csv" || kind === "tsv") {
    const rows = parseCsv(content.text ?? "", 501, kind === "tsv" ? "\t" : ",");
    const [head, ...rest] = rows;
    body = (
      <div className="table-scroll">
        <table className="grid">
          <thead>
            <tr>
              {(head ?? []).map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: CSV columns are positional.
                <th key={`${index}`}>{cell}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rest.map((row, rowIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: CSV rows are positional and never reorder.
              <tr key={`${rowIndex}`}>
                {row.map((cell, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: CSV columns are positional.
                  <td key={`${index}`}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > 500 ? <p className="muted">First 500 rows shown.</p> : null}
      </div>
    );
  } else body = <pre className="artifact-text">{content.text}</pre>;
  return (
    <div className="artifact-preview">
      <div className="artifact-preview-head">
        <span className="mono">{path}</span> {download}
      </div>
      {body}
    </div>
  );
}
