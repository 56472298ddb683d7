/**
 * A small markdown subset parsed to a tree of plain data (never to HTML): headings,
 * paragraphs, lists, fenced code, quotes, and inline code, bold, italic and links. React
 * renders the tree as elements with text children, so `<script>` in a note is just text.
 */
export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: number; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "code"; text: string }
  | { type: "quote"; children: Inline[] };

/** Only web and relative links; `javascript:` and friends become plain text. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (/^(https?:\/\/|\/|#|\.\/|\.\.\/)/i.test(trimmed) || /^[\w./-]+$/.test(trimmed)) return trimmed;
  if (/^mailto:/i.test(trimmed)) return trimmed;
  return undefined;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*|__[^_]+__)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push({ type: "text", text: rest });
      break;
    }
    if (match.index > 0) out.push({ type: "text", text: rest.slice(0, match.index) });
    const token = match[0];
    if (match[1]) out.push({ type: "code", text: token.slice(1, -1) });
    else if (match[2]) out.push({ type: "strong", children: parseInline(token.slice(2, -2)) });
    else if (match[3]) out.push({ type: "em", children: parseInline(token.slice(1, -1)) });
    else {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
      const href = link ? safeHref(link[2] as string) : undefined;
      if (link && href) out.push({ type: "link", href, children: parseInline(link[1] as string) });
      else out.push({ type: "text", text: token });
    }
    rest = rest.slice(match.index + token.length);
  }
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: "paragraph", children: parseInline(paragraph.join(" ")) });
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (/^```/.test(line)) {
      flush();
      const code: string[] = [];
      index++;
      while (index < lines.length && !/^```/.test(lines[index] as string)) code.push(lines[index++] as string);
      blocks.push({ type: "code", text: code.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ type: "heading", level: (heading[1] as string).length, children: parseInline(heading[2] as string) });
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      const ordered = /\d/.test(item[1] as string);
      const last = blocks.at(-1);
      if (last?.type === "list" && last.ordered === ordered) last.items.push(parseInline(item[2] as string));
      else blocks.push({ type: "list", ordered, items: [parseInline(item[2] as string)] });
      continue;
    }
    const quote = /^>\s?(.*)$/.exec(line);
    if (quote) {
      flush();
      blocks.push({ type: "quote", children: parseInline(quote[1] as string) });
      continue;
    }
    if (line.trim() === "") flush();
    else paragraph.push(line.trim());
  }
  flush();
  return blocks;
}
