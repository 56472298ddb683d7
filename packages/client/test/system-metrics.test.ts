import { startTestServer } from "@cairn/client/testing";
import { describe, expect, it } from "vitest";

describe("system metrics", () => {
  it("logs CPU, memory, disk and network under system/ when the environment asks for it", async () => {
    const saved = { ...process.env };
    process.env["MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING"] = "true";
    process.env["MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL"] = "0.05";
    const server = await startTestServer();
    try {
      const cairn = await server.createCairn();
      const run = await cairn.startRun({});
      // Until the first point reached the server (flushed every 500 ms), however slow a loaded
      // machine samples: a fixed wait made this test depend on the machine's load.
      const cpuLogged = async () =>
        (await server.client.getRun({ run_id: run.id })).run.data.metrics.some(
          (metric) => metric.key === "system/cpu_utilization_percentage",
        );
      for (const deadline = Date.now() + 20_000; !(await cpuLogged()) && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await run.end();
      const keys = (await server.client.getRun({ run_id: run.id })).run.data.metrics.map((metric) => metric.key);
      for (const key of [
        "system/cpu_utilization_percentage",
        "system/system_memory_usage_megabytes",
        "system/system_memory_usage_percentage",
        "system/disk_usage_percentage",
        "system/disk_usage_megabytes",
        "system/disk_available_megabytes",
        "system/network_receive_megabytes",
        "system/network_transmit_megabytes",
      ]) {
        expect(keys).toContain(key);
      }
      const steps = (await server.client.getMetricHistory({ run_id: run.id, metric_key: "system/cpu_utilization_percentage" })).metrics;
      expect(steps[0]?.step).toBe(0);
    } finally {
      process.env = saved;
      await server.close();
    }
  });
});
