import type { ReactNode } from "react";
import { type Block, type Inline, parseMarkdown } from "./markdown.js";

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, index) => {
    const key = `${index}`;
    switch (node.type) {
      case "text":
        return node.text;
      case "code":
        return <code key={key}>{node.text}</code>;
      case "strong":
        return <strong key={key}>{renderInline(node.children)}</strong>;
      case "em":
        return <em key={key}>{renderInline(node.children)}</em>;
      case "link":
        return (
          <a key={key} href={node.href} rel="noopener noreferrer nofollow" target="_blank">
            {renderInline(node.children)}
          </a>
        );
    }
    return null;
  });
}

function renderBlock(block: Block, index: number): ReactNode {
  switch (block.type) {
    case "heading": {
      const Tag = `h${Math.min(block.level + 2, 6)}` as "h3";
      return <Tag key={index}>{renderInline(block.children)}</Tag>;
    }
    case "paragraph":
      return <p key={index}>{renderInline(block.children)}</p>;
    case "list": {
      // biome-ignore lint/suspicious/noArrayIndexKey: list items are positional and never reorder.
      const items = block.items.map((item, itemIndex) => <li key={`${itemIndex}`}>{renderInline(item)}</li>);
      return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
    }
    case "code":
      return (
        <pre key={index}>
          <code>{block.text}</code>
        </pre>
      );
    case "quote":
      return <blockquote key={index}>{renderInline(block.children)}</blockquote>;
  }
  return null;
}

/** Renders a note's markdown as React elements with text children: user text is never HTML. */
export function MarkdownView({ source }: { source: string }) {
  return <div className="markdown">{parseMarkdown(source).map(renderBlock)}</div>;
}
