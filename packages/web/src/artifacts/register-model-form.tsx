import { type FormEvent, useState } from "react";
import { ApiError } from "../api/http.js";
import { registry } from "../api/registry.js";
import { ErrorMessage } from "../components/states.js";
import { Link } from "../router/link.js";
import { paths } from "../router/routes.js";

/** Registers the model folder on screen (it holds an MLmodel) as a new version of a named model. */
export function RegisterModelForm({ runId, source }: { runId: string; source: string }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<{ name: string; version: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const model = name.trim();
    try {
      try {
        await registry.createModel(model);
      } catch (caught) {
        // Registering another version of an existing model is the common case.
        if (!(caught instanceof ApiError && caught.code === "RESOURCE_ALREADY_EXISTS")) throw caught;
      }
      const version = await registry.createVersion(model, source, runId);
      setDone({ name: model, version: version.version });
    } catch (caught) {
      setError(caught as Error);
    }
  };
  return (
    <div className="register-model">
      <form className="inline-form" onSubmit={submit}>
        <input aria-label="Model name" placeholder="Model name" value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" disabled={!name.trim()}>
          Register model
        </button>
      </form>
      {done ? (
        <p>
          Registered <Link to={paths.version(done.name, done.version)}>{`${done.name} version ${done.version}`}</Link>.
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} title="The model was not registered" /> : null}
    </div>
  );
}
