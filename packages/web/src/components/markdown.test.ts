import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "./markdown.js";

describe("markdown", () => {
  it("parses headings, lists, code and inline marks into data, never HTML", () => {
    const blocks = parseMarkdown("# Title\n\nSome **bold** and `code` <script>alert(1)</script>\n\n- a\n- b\n\n```\nx < y\n```");
    expect(blocks[0]).toEqual({ type: "heading", level: 1, children: [{ type: "text", text: "Title" }] });
    expect(blocks[1]).toMatchObject({ type: "paragraph" });
    const text = JSON.stringify(blocks[1]);
    expect(text).toContain("<script>alert(1)</script>");
    expect(blocks[2]).toMatchObject({ type: "list", ordered: false, items: [[{ text: "a" }], [{ text: "b" }]] });
    expect(blocks[3]).toEqual({ type: "code", text: "x < y" });
  });

  it("keeps only safe links", () => {
    expect(parseInline("[ok](https://example.org)")).toEqual([
      { type: "link", href: "https://example.org", children: [{ type: "text", text: "ok" }] },
    ]);
    expect(parseInline("[bad](javascript:alert(1))")[0]).toMatchObject({ type: "text" });
    expect(safeHref("JaVaScRiPt:alert(1)")).toBeUndefined();
    expect(safeHref("data:text/html,x")).toBeUndefined();
  });
});
