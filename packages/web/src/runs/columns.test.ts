import { describe, expect, it } from "vitest";
import type { Run } from "../api/types.js";
import { columnId, indexRun, parseColumnId, parseSort, type Summaries, sortRuns, sortText } from "./columns.js";

function run(id: string, loss: number | undefined, lr?: string): Run {
  return {
    info: {
      run_id: id,
      run_uuid: id,
      run_name: id,
      experiment_id: "1",
      user_id: "u",
      status: "FINISHED",
      start_time: 0,
      artifact_uri: "",
      lifecycle_stage: "active",
    },
    data: {
      metrics: loss === undefined ? [] : [{ key: "loss", value: loss, timestamp: 0, step: 0 }],
      params: lr === undefined ? [] : [{ key: "lr", value: lr }],
      tags: [],
    },
    inputs: { dataset_inputs: [] },
  };
}

describe("runs table columns", () => {
  it("round-trips column ids and sort specs", () => {
    expect(parseColumnId("metric:val/loss@min")).toEqual({ kind: "metric", key: "val/loss", aggregate: "min" });
    expect(columnId({ kind: "metric", key: "loss", aggregate: "last" })).toBe("metric:loss");
    expect(parseColumnId("attr:nope")).toBeUndefined();
    const sort = parseSort("param:a:b:desc");
    expect(sort).toEqual({ column: { kind: "param", key: "a:b" }, descending: true });
    expect(sortText(sort as never)).toBe("param:a:b:desc");
  });

  it("sorts numerically, keeps missing values last both ways, and sorts by min from summaries", () => {
    const rows = [run("a", 0.5, "10"), run("b", undefined, "9"), run("c", 0.1, "1e-3"), run("d", Number.NaN)].map(indexRun);
    const summaries: Summaries = new Map([
      ["a", new Map([["loss", { run_id: "a", key: "loss", value: 0.5, step: 0, timestamp: 0, min_value: 0.05 }]])],
      ["c", new Map([["loss", { run_id: "c", key: "loss", value: 0.1, step: 0, timestamp: 0, min_value: 0.09 }]])],
    ]);
    const ids = (sort: string) => sortRuns(rows, parseSort(sort), summaries, 0).map((row) => row.run.info.run_id);
    expect(ids("metric:loss:asc")).toEqual(["c", "a", "b", "d"]);
    expect(ids("metric:loss:desc")).toEqual(["a", "c", "b", "d"]);
    expect(ids("metric:loss@min:asc")).toEqual(["a", "c", "b", "d"]);
    expect(ids("param:lr:asc")).toEqual(["c", "b", "a", "d"]);
  });
});
