import { useState } from "react";
import { tracking } from "../api/tracking.js";
import type { Experiment } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { CreateByNameForm } from "../components/create-by-name-form.js";
import { NameSearchInput, nameSearchFilter } from "../components/name-search.js";
import { Empty, ErrorMessage, Loading } from "../components/states.js";
import { formatTime } from "../format.js";
import { Link } from "../router/link.js";
import { navigate, updateQuery, useLocation } from "../router/location.js";
import { paths } from "../router/routes.js";

/** Experiments: search by name, create, rename, delete and restore; pick several to compare their runs. */
export function ExperimentsPage() {
  const { query } = useLocation();
  const search = query.get("q") ?? "";
  const deleted = query.get("view") === "deleted";
  const experiments = useApi(
    () =>
      tracking.searchExperiments({
        filter: nameSearchFilter(search),
        viewType: deleted ? "DELETED_ONLY" : "ACTIVE_ONLY",
        orderBy: ["last_update_time DESC"],
      }),
    [search, deleted],
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [actionError, setActionError] = useState<Error>();

  const act = async (work: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await work();
      experiments.reload();
    } catch (error) {
      setActionError(error as Error);
    }
  };
  const create = async (name: string) => {
    setActionError(undefined);
    try {
      navigate(paths.runs([await tracking.createExperiment(name)]));
    } catch (error) {
      setActionError(error as Error);
    }
  };
  const list = experiments.data?.experiments ?? [];
  return (
    <section className="page">
      <header className="page-header">
        <h1>Experiments</h1>
        <CreateByNameForm label="New experiment name" action="Create experiment" onCreate={create} />
      </header>
      <div className="toolbar">
        <NameSearchInput label="Search experiments" placeholder="Search experiments by name" value={search} />
        <fieldset className="segmented" aria-label="Lifecycle">
          <button type="button" aria-pressed={!deleted} onClick={() => updateQuery({ view: undefined })}>
            Active
          </button>
          <button type="button" aria-pressed={deleted} onClick={() => updateQuery({ view: "deleted" })}>
            Deleted
          </button>
        </fieldset>
        <button type="button" disabled={selected.length < 1} onClick={() => navigate(paths.runs(selected))}>
          Open runs of {selected.length || ""} selected
        </button>
      </div>
      {actionError ? <ErrorMessage error={actionError} title="The change was refused" /> : null}
      {experiments.error ? <ErrorMessage error={experiments.error} title="Could not load experiments" /> : null}
      {experiments.loading && !experiments.data ? <Loading what="Loading experiments" /> : null}
      {experiments.data && list.length === 0 ? (
        <Empty>
          {search ? `No experiment matches “${search}”.` : deleted ? "No deleted experiments." : "No experiments yet: create one above."}
        </Empty>
      ) : null}
      {list.length > 0 ? (
        <table className="grid">
          <thead>
            <tr>
              <th aria-label="Select" />
              <th>Name</th>
              <th>ID</th>
              <th>Created</th>
              <th>Last update</th>
              <th>Tags</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {list.map((experiment) => (
              <ExperimentRow
                key={experiment.experiment_id}
                experiment={experiment}
                selected={selected.includes(experiment.experiment_id)}
                onSelect={(on) =>
                  setSelected((current) =>
                    on ? [...current, experiment.experiment_id] : current.filter((id) => id !== experiment.experiment_id),
                  )
                }
                act={act}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ExperimentRow({
  experiment,
  selected,
  onSelect,
  act,
}: {
  experiment: Experiment;
  selected: boolean;
  onSelect(on: boolean): void;
  act(work: () => Promise<unknown>): Promise<void>;
}) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(experiment.name);
  const deleted = experiment.lifecycle_stage === "deleted";
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${experiment.name}`}
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
      </td>
      <td>
        {renaming ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void act(() => tracking.renameExperiment(experiment.experiment_id, name)).then(() => setRenaming(false));
            }}
          >
            <input aria-label="Experiment name" value={name} onChange={(event) => setName(event.target.value)} />
            <button type="submit">Save</button>
            <button type="button" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <Link to={paths.runs([experiment.experiment_id])}>{experiment.name}</Link>
        )}
      </td>
      <td className="mono">{experiment.experiment_id}</td>
      <td>{formatTime(experiment.creation_time)}</td>
      <td>{formatTime(experiment.last_update_time)}</td>
      <td>
        {experiment.tags
          .filter((tag) => !tag.key.startsWith("mlflow."))
          .map((tag) => (
            <span key={tag.key} className="chip">
              <span className="chip-key">{tag.key}</span>
              <span className="chip-value">{tag.value}</span>
            </span>
          ))}
      </td>
      <td className="actions">
        {deleted ? (
          <button type="button" onClick={() => act(() => tracking.restoreExperiment(experiment.experiment_id))}>
            Restore
          </button>
        ) : (
          <>
            <button type="button" onClick={() => setRenaming(true)}>
              Rename
            </button>
            <button type="button" className="danger" onClick={() => act(() => tracking.deleteExperiment(experiment.experiment_id))}>
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
