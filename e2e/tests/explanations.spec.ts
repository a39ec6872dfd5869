import { expect, test } from '@playwright/test';
import {
  absoluteThreshold,
  relativeThreshold,
  wordContributions,
} from '@polarity/core/explanation';
import { api } from '../support/api-client.ts';
import { analyze, openReadyApp, openStatus } from '../support/app.ts';

/**
 * Reviews whose deciding phrases any sentiment model should find: strong, unambiguous words on
 * each side, so the cases hold for a better model too, not only for version 1's weights.
 */
const reviews = [
  {
    text: 'I love this phone, but the battery is terrible.',
    positive: 'love',
    negative: 'terrible',
  },
  {
    text: 'An excellent book, although the ending was disappointing.',
    positive: 'excellent',
    negative: 'disappointing',
  },
  {
    text: 'The camera is excellent, but the battery life is awful.',
    positive: 'excellent',
    negative: 'awful',
  },
  {
    text: "Don't buy this. It doesn't work and it's a total waste of money.",
    positive: null,
    negative: 'waste',
  },
];

/** A marked word as the page shows it: its text, offset in the review and fill intensity. */
interface ShownMark {
  text: string;
  start: number;
  intensity: number;
}

/** Scores within this of the threshold may land either side between browser and server. */
const parityMargin = 1e-4;

for (const review of reviews) {
  test(`explains "${review.text}" by its deciding phrases, marking whole words above the threshold`, async ({
    page,
  }) => {
    await openReadyApp(page);
    const card = await analyze(page, review.text);
    const reasons = card.getByTestId('top-reasons');
    await expect(reasons).toBeVisible();
    await expect(reasons).toContainText('Top reasons:');
    // Listed each way strongest first, so the first of each push is the top reason.
    if (review.positive)
      await expect(reasons.locator('[data-push="positive"] q').first()).toContainText(
        review.positive,
        { ignoreCase: true },
      );
    await expect(reasons.locator('[data-push="negative"] q').first()).toContainText(
      review.negative,
      { ignoreCase: true },
    );

    const shown: ShownMark[] = await card.getByTestId('highlighted-text').evaluate((element) => {
      const marks: ShownMark[] = [];
      let at = 0;
      for (const node of Array.from(element.childNodes)) {
        const text = node.textContent ?? '';
        if (node instanceof HTMLElement && node.tagName === 'MARK')
          marks.push({
            text,
            start: at,
            intensity: Number(node.style.getPropertyValue('--intensity')),
          });
        at += text.length;
      }
      return marks;
    });
    expect(shown.length).toBeGreaterThan(0);
    for (const mark of shown) {
      // a word, whole: letters or digits at both ends, nothing of it left outside the mark
      expect(mark.text).toMatch(/^[\p{L}\p{N}](?:[\p{L}\p{N}'’-]*[\p{L}\p{N}])?$/u);
      expect(review.text[mark.start - 1] ?? ' ').toMatch(/[^\p{L}\p{N}'’]/u);
      expect(review.text[mark.start + mark.text.length] ?? ' ').toMatch(/[^\p{L}\p{N}'’]/u);
    }

    // The same model on the server gives the same token scores (parity ≤ 1e-5): from them,
    // which words clear the threshold, computed here apart from the page.
    const response = await api.predict.$post({ json: { text: review.text } });
    expect(response.status).toBe(200);
    if (response.status !== 200) return;
    const [prediction] = (await response.json()).predictions;
    const words = wordContributions(review.text, prediction!.explanation);
    const strongest = Math.max(...words.map((word) => Math.abs(word.score)));
    const cutoff = Math.max(relativeThreshold * strongest, absoluteThreshold);
    for (const mark of shown) {
      const word = words.find((candidate) => candidate.start === mark.start);
      expect(word?.text, `"${mark.text}" is one word`).toBe(mark.text);
      expect(Math.abs(word!.score), `"${mark.text}" is above the threshold`).toBeGreaterThan(
        cutoff - parityMargin,
      );
      expect(mark.intensity).toBeCloseTo(Math.abs(word!.score) / strongest, 2);
    }
    const clearly = words.filter((word) => Math.abs(word.score) > cutoff + parityMargin);
    expect(clearly.every((word) => shown.some((mark) => mark.start === word.start))).toBe(true);
  });
}

test('the numbers behind the highlights open from the keyboard, without hovering', async ({
  page,
}) => {
  await openReadyApp(page);
  const card = await analyze(page, reviews[0]!.text);
  const scores = card.getByTestId('phrase-scores');
  await scores.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(scores.locator('li').first()).toBeVisible();
  await expect(scores.locator('li').first()).toHaveText(/^“?.+”? [+−]\d+\.\d\d$/);
  await expect(card.getByTestId('explanation-legend')).toContainText('dashed underline');
});

test('the Server runtime draws the same card from the tokens the server shows as the browser from all of them', async ({
  page,
}) => {
  const text =
    "Not bad at all. I was worried after the reviews, but it hasn't failed once and the lid is " +
    'the only flimsy part, a waste of plastic. Still, highly recommended for the price.';
  const card = page.getByTestId('result');
  // What the card draws, once it shows `review`; scores are left out, as the two runtimes agree
  // to 1e-5 and a score may round either way.
  const drawn = async (review: string) => {
    await expect(card.getByTestId('highlighted-text')).toHaveText(review);
    return {
      marks: await card.getByTestId('highlighted-text').locator('mark').allTextContents(),
      reasons: await card.getByTestId('top-reasons').textContent(),
      phrases: await card.getByTestId('phrase-scores').locator('li q').allTextContents(),
    };
  };
  await openReadyApp(page);
  await analyze(page, text);
  const inBrowser = await drawn(text);
  expect(inBrowser.marks.length).toBeGreaterThan(0);

  await openStatus(page);
  await page.getByLabel('Runtime').selectOption('server');
  await expect(page.getByTestId('runtime-badge')).toHaveText('Server');
  const other = 'Another review in between, so the card changes.';
  await analyze(page, other);
  await drawn(other);
  const answered = page.waitForResponse('**/api/predict');
  await analyze(page, text);
  const answer = await (await answered).json();
  expect(answer.explain).toBe('shown');
  expect(answer.predictions[0].explanation.length).toBeLessThan(
    answer.predictions[0].tokenCount / 2,
  );
  expect(await drawn(text)).toEqual(inBrowser);
});
