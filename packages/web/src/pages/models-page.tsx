import { useState } from "react";
import { registry } from "../api/registry.js";
import { useApi } from "../api/use-api.js";
import { CreateByNameForm } from "../components/create-by-name-form.js";
import { NameSearchInput, nameSearchFilter } from "../components/name-search.js";
import { Empty, ErrorMessage, Loading } from "../components/states.js";
import { formatTime } from "../format.js";
import { Link } from "../router/link.js";
import { navigate, useLocation } from "../router/location.js";
import { paths } from "../router/routes.js";

/** Registered models: search by name, create. */
export function ModelsPage() {
  const { query } = useLocation();
  const search = query.get("q") ?? "";
  const filter = nameSearchFilter(search);
  const models = useApi(() => registry.searchModels(filter), [filter]);
  const [error, setError] = useState<Error>();
  const create = async (name: string) => {
    setError(undefined);
    try {
      await registry.createModel(name);
      navigate(paths.model(name));
    } catch (caught) {
      setError(caught as Error);
    }
  };
  const list = models.data?.models ?? [];
  return (
    <section className="page">
      <header className="page-header">
        <h1>Models</h1>
        <CreateByNameForm label="New model name" action="Create model" onCreate={create} />
      </header>
      <div className="toolbar">
        <NameSearchInput label="Search models" placeholder="Search models by name" value={search} />
      </div>
      {error ? <ErrorMessage error={error} title="The model was not created" /> : null}
      {models.error ? <ErrorMessage error={models.error} title="Could not search models" /> : null}
      {models.loading && !models.data ? <Loading what="Loading models" /> : null}
      {models.data && list.length === 0 ? (
        <Empty>
          {search ? `No model matches “${search}”.` : "No registered models yet. Register one from a run with mlflow.register_model()."}
        </Empty>
      ) : null}
      {list.length ? (
        <table className="grid">
          <thead>
            <tr>
              <th>Name</th>
              <th>Latest version</th>
              <th>Aliases</th>
              <th>Last modified</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {list.map((model) => {
              const latest = model.latest_versions.reduce((max, version) => Math.max(max, Number(version.version)), 0);
              return (
                <tr key={model.name}>
                  <td>
                    <Link to={paths.model(model.name)}>{model.name}</Link>
                  </td>
                  <td>{latest ? <Link to={paths.version(model.name, String(latest))}>Version {latest}</Link> : "—"}</td>
                  <td>
                    {model.aliases.map((alias) => (
                      <span key={alias.alias} className="chip">
                        @{alias.alias} → v{alias.version}
                      </span>
                    ))}
                  </td>
                  <td>{formatTime(model.last_updated_timestamp)}</td>
                  <td className="wrap">{model.description}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
