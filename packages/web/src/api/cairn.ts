import { send } from "./http.js";
import type { MetricSeries, MetricSummary } from "./types.js";

/** Cairn's extension endpoints (`/api/2.0/cairn/…`). */
export const cairn = {
  /** M4-downsampled series of one key for up to 100 runs; re-asked with a window on zoom. */
  async downsampled(
    input: { runIds: string[]; key: string; buckets: number; startStep?: number; endStep?: number },
    signal?: AbortSignal,
  ): Promise<MetricSeries[]> {
    const out = await send((client) =>
      client.getDownsampledMetric(
        {
          run_ids: input.runIds,
          key: input.key,
          buckets: input.buckets,
          start_step: input.startStep === undefined ? undefined : Math.floor(input.startStep),
          end_step: input.endStep === undefined ? undefined : Math.ceil(input.endStep),
        },
        { signal },
      ),
    );
    return out.series;
  },
  /** Latest, min and max of every metric of the runs. */
  async metricSummaries(runIds: string[]): Promise<MetricSummary[]> {
    return (await send((client) => client.getMetricSummaries({ run_ids: runIds }))).summaries;
  },
};
