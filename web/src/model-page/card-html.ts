import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * The model card's Markdown as sanitised HTML. Images name files of the version (`reliability.svg`),
 * so their sources become the files' URLs; whatever the card holds, DOMPurify removes scripts,
 * event handlers and `javascript:` links before it reaches the page.
 */
export function cardHtml(markdown: string, fileUrl: (name: string) => string | null): string {
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type === 'image') token.href = fileUrl(token.href) ?? '';
    },
  });
  const html = marked.parse(markdown, { async: false });
  return DOMPurify.sanitize(html);
}
