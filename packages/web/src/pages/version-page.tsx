import { useState } from "react";
import { registry } from "../api/registry.js";
import { useApi } from "../api/use-api.js";
import { DescriptionEditor } from "../components/description-editor.js";
import { ErrorMessage, Loading } from "../components/states.js";
import { TagEditor } from "../components/tag-editor.js";
import { formatTime } from "../format.js";
import { Link } from "../router/link.js";
import { paths } from "../router/routes.js";

const STAGES = ["None", "Staging", "Production", "Archived"];

/** One model version: source run, aliases, stage changes, tags, description and a download link. */
export function VersionPage({ name, version }: { name: string; version: string }) {
  const found = useApi(() => registry.getVersion(name, version), [name, version]);
  const uri = useApi(() => registry.downloadUri(name, version), [name, version]);
  const [error, setError] = useState<Error>();
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      found.reload();
      return true;
    } catch (caught) {
      setError(caught as Error);
      return false;
    }
  };
  if (found.error && !found.data) return <ErrorMessage error={found.error} title={`Could not load ${name} version ${version}`} />;
  if (!found.data) return <Loading what="Loading version" />;
  const data = found.data;
  return (
    <section className="page">
      <header className="page-header">
        <div>
          <div className="breadcrumbs">
            <Link to={paths.models()}>Models</Link> / <Link to={paths.model(name)}>{name}</Link> /
          </div>
          <h1>
            Version {data.version}{" "}
            {data.aliases.map((alias) => (
              <span key={alias} className="chip">
                @{alias}
              </span>
            ))}
          </h1>
        </div>
        <a className="button" href={registry.artifactUrl(name, version, "MLmodel")} download>
          Download MLmodel
        </a>
      </header>
      {error ? <ErrorMessage error={error} title="The change was refused" /> : null}
      <table className="kv">
        <tbody>
          <tr>
            <th>Registered</th>
            <td>{formatTime(data.creation_timestamp)}</td>
          </tr>
          <tr>
            <th>Last modified</th>
            <td>{formatTime(data.last_updated_timestamp)}</td>
          </tr>
          <tr>
            <th>Source run</th>
            <td>{data.run_id ? <Link to={paths.run(data.run_id)}>{data.run_id}</Link> : "—"}</td>
          </tr>
          <tr>
            <th>Source</th>
            <td className="mono wrap">{data.source}</td>
          </tr>
          <tr>
            <th>Download URI</th>
            <td className="mono wrap">{uri.data ?? uri.error?.message}</td>
          </tr>
          <tr>
            <th>Status</th>
            <td>{data.status}</td>
          </tr>
          <tr>
            <th>Stage</th>
            <td>
              <select
                aria-label="Stage"
                value={data.current_stage}
                onChange={(event) => act(() => registry.transitionStage(name, version, event.target.value))}
              >
                {STAGES.map((stage) => (
                  <option key={stage} value={stage}>
                    {stage}
                  </option>
                ))}
              </select>{" "}
              <span className="muted">(stages are deprecated in MLflow; prefer aliases)</span>
            </td>
          </tr>
        </tbody>
      </table>
      <h2>Description</h2>
      <DescriptionEditor
        value={data.description}
        label="Version description"
        onSave={(text) => act(() => registry.updateVersionDescription(name, version, text))}
      />
      <h2>Tags</h2>
      <TagEditor
        tags={data.tags}
        onSet={(key, value) => act(() => registry.setVersionTag(name, version, key, value))}
        onDelete={(key) => act(() => registry.deleteVersionTag(name, version, key))}
      />
    </section>
  );
}
