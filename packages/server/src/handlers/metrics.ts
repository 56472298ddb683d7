import type { Handler } from "./handler.js";

const s = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export const metricHandlers = {
  async getMetricHistory({ store }, req) {
    const runId = (s(req["run_id"]) || s(req["run_uuid"])) ?? "";
    const page = await store.getMetricHistory(runId, req["metric_key"] as string, {
      ...(typeof req["max_results"] === "number" ? { maxResults: req["max_results"] } : {}),
      ...(s(req["page_token"]) ? { pageToken: s(req["page_token"]) } : {}),
    });
    return { metrics: page.items, next_page_token: page.next_page_token };
  },
  async getMetricHistoryBulk({ store }, req) {
    // The UI's older bulk call: whole histories of up to 100 runs, 25,000 points in all.
    const runIds = ((req["run_id"] as string[] | undefined) ?? []).slice(0, 100);
    const maxResults = Math.min((req["max_results"] as number | undefined) ?? 25_000, 25_000);
    const metrics = [];
    for (const runId of runIds) {
      const page = await store.getMetricHistory(runId, req["metric_key"] as string, { maxResults });
      metrics.push(...page.items.map((metric) => ({ ...metric, run_id: runId })));
    }
    return { metrics: metrics.slice(0, maxResults) };
  },
  async getMetricHistoryBulkInterval({ store }, req) {
    const metrics = await store.getMetricHistoryBulkInterval({
      runIds: (req["run_ids"] as string[] | undefined) ?? [],
      metricKey: req["metric_key"] as string,
      ...(typeof req["start_step"] === "number" ? { startStep: req["start_step"] } : {}),
      ...(typeof req["end_step"] === "number" ? { endStep: req["end_step"] } : {}),
      maxResults: (req["max_results"] as number | undefined) ?? 320,
    });
    return { metrics };
  },
} satisfies Record<string, Handler>;
