import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

/**
 * Samples the machine the way MLflow's system metrics monitor does (mlflow-wire.md §8.1) and
 * returns the values under MLflow's names, without the `system/` prefix: CPU and memory,
 * the disk holding the working folder, network totals since the run started, and NVIDIA GPUs
 * through `nvidia-smi` when it exists.
 *
 * @example
 * const sampler = new SystemMetricsSampler();
 * await sampler.sample(); // { cpu_utilization_percentage: 12.5, system_memory_usage_megabytes: 5321.2, … }
 */
export class SystemMetricsSampler {
  #cpu = cpuTimes();
  readonly #network = networkTotals();
  #gpus: boolean | undefined;

  async sample(): Promise<Record<string, number>> {
    const metrics: Record<string, number> = {};
    const cpu = cpuTimes();
    const busy = cpu.busy - this.#cpu.busy;
    const total = cpu.total - this.#cpu.total;
    this.#cpu = cpu;
    metrics["cpu_utilization_percentage"] = total > 0 ? round((busy / total) * 100) : 0;
    const used = os.totalmem() - os.freemem();
    metrics["system_memory_usage_megabytes"] = round(used / MB);
    metrics["system_memory_usage_percentage"] = round((used / os.totalmem()) * 100);
    try {
      const disk = fs.statfsSync(process.cwd());
      const size = disk.blocks * disk.bsize;
      const free = disk.bavail * disk.bsize;
      metrics["disk_usage_megabytes"] = round((size - disk.bfree * disk.bsize) / MB);
      metrics["disk_available_megabytes"] = round(free / MB);
      metrics["disk_usage_percentage"] = size > 0 ? round(((size - disk.bfree * disk.bsize) / size) * 100) : 0;
    } catch {
      // statfs is unavailable on some platforms; MLflow skips the disk monitor there too.
    }
    const network = networkTotals();
    if (network && this.#network) {
      metrics["network_receive_megabytes"] = round((network.received - this.#network.received) / MB);
      metrics["network_transmit_megabytes"] = round((network.transmitted - this.#network.transmitted) / MB);
    }
    if (this.#gpus !== false) Object.assign(metrics, await this.#gpuMetrics());
    return metrics;
  }

  async #gpuMetrics(): Promise<Record<string, number>> {
    const query = "index,memory.used,memory.total,utilization.gpu,power.draw,power.limit";
    const out = await new Promise<string | null>((resolve) => {
      execFile("nvidia-smi", [`--query-gpu=${query}`, "--format=csv,noheader,nounits"], { timeout: 5_000 }, (error, stdout) =>
        resolve(error ? null : stdout),
      );
    });
    if (out === null) {
      this.#gpus = false;
      return {};
    }
    this.#gpus = true;
    return parseNvidiaSmi(out);
  }
}

/** `nvidia-smi --query-gpu=index,memory.used,memory.total,utilization.gpu,power.draw,power.limit` CSV → MLflow's GPU metrics. */
export function parseNvidiaSmi(csv: string): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const line of csv.trim().split("\n")) {
    const [index, memUsed, memTotal, utilization, power, powerLimit] = line.split(",").map((cell) => Number(cell.trim()));
    if (index === undefined || Number.isNaN(index)) continue;
    const prefix = `gpu_${index}_`;
    if (memUsed !== undefined && !Number.isNaN(memUsed)) {
      metrics[`${prefix}memory_usage_megabytes`] = memUsed;
      if (memTotal) metrics[`${prefix}memory_usage_percentage`] = round((memUsed / memTotal) * 100);
    }
    if (utilization !== undefined && !Number.isNaN(utilization)) metrics[`${prefix}utilization_percentage`] = utilization;
    if (power !== undefined && !Number.isNaN(power)) {
      metrics[`${prefix}power_usage_watts`] = power;
      if (powerLimit) metrics[`${prefix}power_usage_percentage`] = round((power / powerLimit) * 100);
    }
  }
  return metrics;
}

const MB = 1024 * 1024;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

/** Bytes received and sent on every interface but loopback (Linux `/proc/net/dev`). */
function networkTotals(): { received: number; transmitted: number } | null {
  try {
    let received = 0;
    let transmitted = 0;
    for (const line of fs.readFileSync("/proc/net/dev", "utf8").split("\n").slice(2)) {
      const [name, rest] = line.split(":");
      if (!rest || name?.trim() === "lo") continue;
      const fields = rest.trim().split(/\s+/).map(Number);
      received += fields[0] ?? 0;
      transmitted += fields[8] ?? 0;
    }
    return { received, transmitted };
  } catch {
    return null;
  }
}
