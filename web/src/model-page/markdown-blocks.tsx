import type { ReactNode } from 'react';

/**
 * The model card's Markdown, as React elements: headings, paragraphs, lists, tables and inline
 * code. Text stays text (no HTML is ever injected); anything fancier shows as written.
 */
function inline(text: string): ReactNode[] {
  let offset = 0;
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part) => {
    // Pieces are keyed by where they start in the line, which never changes for a given line.
    const key = offset;
    offset += part.length;
    if (part.startsWith('`') && part.endsWith('`'))
      return <code key={key}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**') && part.endsWith('**'))
      return <strong key={key}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

interface Props {
  source: string;
  /** The URL of an image the card references by file name; null hides it. */
  imageUrl(file: string): string | null;
}

export function MarkdownBlocks({ source, imageUrl }: Props) {
  const blocks: ReactNode[] = [];
  const lines = source.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const key = blocks.length;
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, (heading[1]?.length ?? 1) + 2);
      const Tag = `h${level}` as 'h3';
      blocks.push(<Tag key={key}>{inline(heading[2] ?? '')}</Tag>);
      i++;
    } else if (line.trim().startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
        if (!/^\s*\|[\s:|-]+\|\s*$/.test(lines[i] ?? '')) rows.push(cells(lines[i] ?? ''));
        i++;
      }
      const [head = [], ...body] = rows;
      blocks.push(
        <div className="table-wrap" key={key}>
          <table>
            <thead>
              <tr>
                {head.map((cell, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <th key={c} scope="col">
                    {inline(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={r}>
                  {row.map((cell, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    <td key={c}>{inline(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
    } else if (/^\s*[-*]\s+/.test(line)) {
      const items: string[] = [];
      while (i < lines.length) {
        const next = lines[i] ?? '';
        if (/^\s*[-*]\s+/.test(next)) items.push(next.replace(/^\s*[-*]\s+/, ''));
        // An indented line continues the item above it.
        else if (/^\s+\S/.test(next) && items.length > 0)
          items[items.length - 1] += ` ${next.trim()}`;
        else break;
        i++;
      }
      blocks.push(
        <ul key={key}>
          {items.map((item, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items are positional
            <li key={n}>{inline(item)}</li>
          ))}
        </ul>,
      );
    } else if (/^!\[/.test(line)) {
      const image = /^!\[([^\]]*)\]\(([^)\s]+)\)/.exec(line);
      const url = image ? imageUrl(image[2] ?? '') : null;
      if (image && url) {
        blocks.push(
          <figure key={key}>
            <img src={url} alt={image[1] ?? ''} loading="lazy" />
            <figcaption>{image[1]}</figcaption>
          </figure>,
        );
      }
      i++;
    } else if (line.trim() === '') {
      i++;
    } else {
      const paragraph: string[] = [];
      while (
        i < lines.length &&
        (lines[i] ?? '').trim() !== '' &&
        !/^(#|\||\s*[-*]\s)/.test(lines[i] ?? '')
      ) {
        paragraph.push(lines[i] ?? '');
        i++;
      }
      blocks.push(<p key={key}>{inline(paragraph.join(' '))}</p>);
    }
  }
  return <div className="markdown">{blocks}</div>;
}
