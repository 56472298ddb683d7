import { Empty } from "./components/states.js";
import { ComparePage } from "./pages/compare-page.js";
import { ExperimentsPage } from "./pages/experiments-page.js";
import { ModelPage } from "./pages/model-page.js";
import { ModelsPage } from "./pages/models-page.js";
import { RunPage } from "./pages/run-page.js";
import { RunsPage } from "./pages/runs-page.js";
import { VersionPage } from "./pages/version-page.js";
import { Link } from "./router/link.js";
import { useLocation } from "./router/location.js";
import { matchRoute, paths } from "./router/routes.js";

/** The shell: a header with the two sections, and the page the path names. */
export function App() {
  const { path } = useLocation();
  const route = matchRoute(path);
  const section = route.page === "models" || route.page === "model" || route.page === "version" ? "models" : "experiments";
  return (
    <>
      <header className="topbar">
        <Link to={paths.experiments()} className="brand">
          Cairn
        </Link>
        <nav>
          <Link to={paths.experiments()} aria-current={section === "experiments" ? "page" : undefined}>
            Experiments
          </Link>
          <Link to={paths.models()} aria-current={section === "models" ? "page" : undefined}>
            Models
          </Link>
        </nav>
      </header>
      <main>
        {route.page === "experiments" ? <ExperimentsPage /> : null}
        {route.page === "runs" ? <RunsPage key={route.experimentIds.join(",")} experimentIds={route.experimentIds} /> : null}
        {route.page === "run" ? <RunPage key={route.runId} runId={route.runId} /> : null}
        {route.page === "compare" ? <ComparePage /> : null}
        {route.page === "models" ? <ModelsPage /> : null}
        {route.page === "model" ? <ModelPage key={route.name} name={route.name} /> : null}
        {route.page === "version" ? <VersionPage key={`${route.name}/${route.version}`} name={route.name} version={route.version} /> : null}
        {route.page === "not-found" ? (
          <Empty>
            No page at <code>{path}</code>. <Link to={paths.experiments()}>Back to experiments</Link>
          </Empty>
        ) : null}
      </main>
    </>
  );
}
