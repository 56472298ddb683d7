import { describe, expect, it } from "vitest";
import { applySuggestion, type CompletionSource, complete } from "./filter-completion.js";

const source: CompletionSource = {
  params: ["lr", "batch size"],
  metrics: ["loss", "val_loss", "acc"],
  tags: ["team"],
  values: (key) => (key === "params.lr" ? ["0.01", "0.001"] : key === "tags.team" ? ["vision", "o'neil"] : []),
};

describe("filter completion", () => {
  it("suggests keys by prefix and by name, quoting keys with spaces", () => {
    const metrics = complete("metrics.", 8, source);
    expect(metrics.suggestions.map((s) => s.label)).toEqual(["metrics.loss", "metrics.val_loss", "metrics.acc"]);
    expect(complete("loss", 4, source).suggestions.map((s) => s.label)).toEqual(["metrics.loss", "metrics.val_loss"]);
    expect(complete("params.b", 8, source).suggestions.map((s) => s.label)).toEqual(["params.`batch size`"]);
  });

  it("suggests quoted values after a param or tag and an operator, statuses for attributes.status", () => {
    const lr = complete("params.lr = '0.0", 16, source);
    expect(lr.suggestions.map((s) => s.text)).toEqual(["'0.01'", "'0.001'"]);
    const applied = applySuggestion("params.lr = '0.0", lr, lr.suggestions[0] as never);
    expect(applied.text).toBe("params.lr = '0.01'");
    expect(complete("tags.team = ", 12, source).suggestions.map((s) => s.text)).toEqual(["'vision'", "'o\\'neil'"]);
    expect(complete("attributes.status = 'F", 22, source).suggestions.map((s) => s.label)).toEqual(["FINISHED", "FAILED"]);
  });

  it("offers `and` after a complete clause and completes the next key", () => {
    expect(complete("metrics.loss < 0.5 ", 19, source).suggestions.map((s) => s.label)).toEqual(["and"]);
    const next = complete("metrics.loss < 0.5 and par", 26, source);
    expect(next.from).toBe(23);
    expect(next.suggestions[0]?.label).toBe("params.lr");
  });
});
