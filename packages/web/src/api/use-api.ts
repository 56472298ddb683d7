import { useCallback, useEffect, useRef, useState } from "react";

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Asks again (after a write), keeping the current data on screen meanwhile. */
  reload(): void;
}

/**
 * Loads `load()` whenever `deps` change; a stale answer (deps changed meanwhile) is dropped.
 * A tiny stand-in for a query library: the UI's reads are few and page-scoped.
 */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): ApiState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const lastGeneration = useRef(generation);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to reload.
  useEffect(() => {
    const ticket = ++latest.current;
    // A reload keeps what is on screen; new deps (another run, another page) must not show the old one's data.
    const isReload = lastGeneration.current !== generation;
    lastGeneration.current = generation;
    setState((previous) => (isReload ? { ...previous, loading: true } : { loading: true }));
    load().then(
      (data) => {
        if (ticket === latest.current) setState({ data, loading: false });
      },
      (error: Error) => {
        if (ticket === latest.current) setState((previous) => ({ ...previous, error, loading: false }));
      },
    );
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
