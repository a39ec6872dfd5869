import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The shared data set, beside the repository (`../shared/data`), never in it; tests that need it
 * skip without it.
 */
const dataDir =
  process.env.POLARITY_DATA_DIR ??
  fileURLToPath(new URL('../../../shared/data/amazon-multidomain', import.meta.url));

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => entities[name] ?? '');
}

/**
 * Reviews of the canonical test split (review i of each file where i % 5 == 4), `perFile` from
 * each of the eight files, read from the XML as the data README describes it.
 */
export function testReviews(perFile: number): string[] | null {
  if (!existsSync(dataDir)) return null;
  const out: string[] = [];
  for (const domain of ['books', 'dvd', 'electronics', 'kitchen']) {
    for (const polarity of ['positive', 'negative']) {
      const xml = readFileSync(`${dataDir}/${domain}/${polarity}.review`, 'latin1');
      const texts = [...xml.matchAll(/<review_text>([\s\S]*?)<\/review_text>/g)].map((m) =>
        decodeEntities(m[1] ?? '').trim(),
      );
      out.push(...texts.filter((_, i) => i % 5 === 4).slice(0, perFile));
    }
  }
  return out;
}
