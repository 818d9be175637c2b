import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSlug from 'rehype-slug';
import rehypeHighlight from 'rehype-highlight';
import rehypeStringify from 'rehype-stringify';
import { visit } from 'unist-util-visit';
import type { Element, Root, Text } from 'hast';

/**
 * Mermaid blocks become `<pre class="mermaid">` with their source as text, so the browser
 * can draw them (and shows the source until it does). Runs before highlighting.
 */
function rehypeMermaid() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'pre') return;
      const code = node.children[0];
      if (!code || code.type !== 'element' || code.tagName !== 'code') return;
      const classes = (code.properties?.className as string[] | undefined) ?? [];
      if (!classes.includes('language-mermaid')) return;
      const source = code.children.map((c) => (c.type === 'text' ? (c as Text).value : '')).join('');
      node.properties = { className: ['mermaid'], 'data-mermaid': '' };
      node.children = [{ type: 'text', value: source }];
    });
  };
}

/** Tables scroll sideways on a phone instead of widening the page. */
function rehypeTableWrap() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      if (parent.type === 'element' && (parent as Element).properties?.className?.toString() === 'table-wrap') return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-wrap'], tabIndex: 0, role: 'region', ariaLabel: 'Table' },
        children: [node],
      };
    });
  };
}

/** A code block that scrolls sideways can be scrolled from the keyboard: it takes focus. */
function rehypeFocusableCode() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'pre' || 'data-mermaid' in (node.properties ?? {}) || (node.properties?.className as string[] | undefined)?.includes('mermaid')) return;
      node.properties = { ...node.properties, tabIndex: 0 };
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeMermaid)
  .use(rehypeSlug)
  .use(rehypeHighlight, { detect: false, ignoreMissing: true } as never)
  .use(rehypeTableWrap)
  .use(rehypeFocusableCode)
  .use(rehypeStringify);

/** Markdown to HTML. Raw HTML in the source is dropped (remark-rehype's default). */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}

/** Inline Markdown (card faces, quiz text) without the wrapping paragraph. */
export function renderInline(markdown: string): string {
  const html = renderMarkdown(markdown).trim();
  const m = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return m && !m[1]!.includes('<p>') ? m[1]! : html;
}

export function hasMermaid(markdown: string): boolean {
  return /^\s*```mermaid\s*$/m.test(markdown);
}
