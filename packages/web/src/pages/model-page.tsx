import { type FormEvent, useState } from "react";
import { registry } from "../api/registry.js";
import { useApi } from "../api/use-api.js";
import { DescriptionEditor } from "../components/description-editor.js";
import { Empty, ErrorMessage, Loading } from "../components/states.js";
import { TagEditor } from "../components/tag-editor.js";
import { formatTime } from "../format.js";
import { Link } from "../router/link.js";
import { paths } from "../router/routes.js";

/** One registered model: versions, aliases (set and remove), tags and description. */
export function ModelPage({ name }: { name: string }) {
  const model = useApi(() => registry.getModel(name), [name]);
  const versions = useApi(() => registry.searchVersions(name), [name]);
  const [alias, setAlias] = useState("");
  const [aliasVersion, setAliasVersion] = useState("");
  const [error, setError] = useState<Error>();
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      model.reload();
      versions.reload();
      return true;
    } catch (caught) {
      setError(caught as Error);
      return false;
    }
  };
  if (model.error && !model.data) return <ErrorMessage error={model.error} title={`Could not load model ${name}`} />;
  if (!model.data) return <Loading what="Loading model" />;
  const data = model.data;
  const submitAlias = async (event: FormEvent) => {
    event.preventDefault();
    if (await act(() => registry.setAlias(name, alias.trim(), aliasVersion))) setAlias("");
  };
  return (
    <section className="page">
      <header className="page-header">
        <div>
          <div className="breadcrumbs">
            <Link to={paths.models()}>Models</Link> /
          </div>
          <h1>{data.name}</h1>
        </div>
      </header>
      {error ? <ErrorMessage error={error} title="The change was refused" /> : null}
      <p className="muted">
        Created {formatTime(data.creation_timestamp)} · last modified {formatTime(data.last_updated_timestamp)}
      </p>

      <h2>Description</h2>
      <DescriptionEditor
        value={data.description}
        label="Model description"
        onSave={(text) => act(() => registry.updateModelDescription(name, text))}
      />

      <h2>Aliases</h2>
      <ul className="chips">
        {data.aliases.length === 0 ? <li className="muted">No aliases</li> : null}
        {data.aliases.map((entry) => (
          <li key={entry.alias} className="chip">
            <span className="chip-key">@{entry.alias}</span>
            <Link to={paths.version(name, entry.version)} className="chip-value">
              v{entry.version}
            </Link>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove alias ${entry.alias}`}
              onClick={() => act(() => registry.deleteAlias(name, entry.alias))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={submitAlias}>
        <input aria-label="Alias" placeholder="alias, e.g. champion" value={alias} onChange={(event) => setAlias(event.target.value)} />
        <select aria-label="Alias version" value={aliasVersion} onChange={(event) => setAliasVersion(event.target.value)}>
          <option value="">version…</option>
          {(versions.data ?? []).map((version) => (
            <option key={version.version} value={version.version}>
              {version.version}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!alias.trim() || !aliasVersion}>
          Set alias
        </button>
      </form>

      <h2>Versions</h2>
      {versions.error ? <ErrorMessage error={versions.error} title="Could not load versions" /> : null}
      {versions.data && versions.data.length === 0 ? <Empty>No versions yet.</Empty> : null}
      {versions.data?.length ? (
        <table className="grid">
          <thead>
            <tr>
              <th>Version</th>
              <th>Registered</th>
              <th>Aliases</th>
              <th>Stage</th>
              <th>Source run</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {versions.data.map((version) => (
              <tr key={version.version}>
                <td>
                  <Link to={paths.version(name, version.version)}>Version {version.version}</Link>
                </td>
                <td>{formatTime(version.creation_timestamp)}</td>
                <td>{version.aliases.map((entry) => `@${entry}`).join(" ")}</td>
                <td>{version.current_stage}</td>
                <td>{version.run_id ? <Link to={paths.run(version.run_id)}>{version.run_id.slice(0, 8)}</Link> : ""}</td>
                <td>{version.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2>Tags</h2>
      <TagEditor
        tags={data.tags}
        onSet={async (key, value) => {
          await registry.setModelTag(name, key, value);
          model.reload();
        }}
        onDelete={async (key) => {
          await registry.deleteModelTag(name, key);
          model.reload();
        }}
      />
    </section>
  );
}
