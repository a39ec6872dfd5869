import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { parseCsv } from '@polarity/web/batch-csv/parse-csv';
import { aliasOf, api } from '../support/api-client.ts';
import { openReadyApp } from '../support/app.ts';
import { contrastOf } from '../support/contrast.ts';
import { logLabelledPredictions } from '../support/quality-events.ts';
import { qualityFixture } from '../support/quality-fixture.ts';
import { championVersion, spareVersion } from '../support/versions.ts';

const dir = fileURLToPath(new URL('../screenshots/', import.meta.url));
const widths = { desktop: { width: 1440, height: 900 }, phone: { width: 360, height: 760 } };

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

const challenger = api.admin.models[':name'].aliases[':alias'];

test.describe('Quality page', () => {
  test.beforeAll(async () => {
    // The champion: 40 labels, 34 right, in two hours.
    await logLabelledPredictions({
      version: championVersion,
      hoursAgo: [5, 1],
      labels: 20,
      right: 17,
    });
    // The challenger saw some of the same traffic in shadow.
    await logLabelledPredictions({
      version: spareVersion,
      hoursAgo: [1],
      labels: 6,
      right: 4,
      shadow: true,
    });
    const set = await challenger.$post({
      ...aliasOf('challenger'),
      json: { version: spareVersion },
    });
    expect(set.ok, await set.text()).toBe(true);
  });
  test.afterAll(async () => {
    await challenger.$delete(aliasOf('challenger'));
  });

  test('the live figures: the champion’s interval, its confusion matrix, a chart with axes and hover values', async ({
    page,
  }) => {
    await page.goto('/#/quality');
    const champion = page.getByTestId(`accuracy-${championVersion}`);
    await expect(champion).toHaveText(/^\d+\.\d %$/, { timeout: 20_000 });
    await expect(page.getByText(/95 % interval \d+–\d+ % · \d+ labels/).first()).toBeVisible();
    await expect(page.getByTestId('champion-challenger')).toContainText(
      `Challenger v${spareVersion}`,
    );
    await expect(page.getByTestId('drift-card')).toContainText(/PSI \d+\.\d\d/);

    const matrix = page.getByRole('table', { name: new RegExp(`^v${championVersion}, `) });
    const cells = await matrix.locator('td strong').allInnerTexts();
    const labelled = cells.map((c) => Number(c.replaceAll(',', ''))).reduce((a, b) => a + b, 0);
    expect(labelled).toBeGreaterThanOrEqual(40);
    for (const cell of await matrix.locator('td:has(strong)').all()) {
      expect(await contrastOf(cell)).toBeGreaterThanOrEqual(4.5);
    }

    const chart = page.getByRole('img', { name: /Accuracy per hour/ });
    await expect(chart.locator('canvas')).toBeVisible();
    // uPlot lays out one element per axis; the tick labels are drawn on the canvas.
    await expect(chart.locator('.u-axis')).toHaveCount(2);
    // Hovering the last hour (labelled an hour ago) shows its value and its number of labels.
    const over = chart.locator('.u-over');
    const box = (await over.boundingBox())!;
    for (const x of [box.width - 2, box.width - 1 - box.width / 24]) {
      await over.hover({ position: { x, y: box.height / 2 } });
      if (/\d+ % of \d+ labels/.test((await chart.locator('.u-legend').textContent()) ?? '')) break;
    }
    await expect(chart.locator('.u-legend')).toContainText(/\d+ % of \d+ labels/);
  });

  test('few labels read as an interval and "needs ≥ 30 labels"; empty hours stay gaps; caveats show', async ({
    page,
  }) => {
    const fixture = qualityFixture();
    await page.route(/\/api\/quality\?/, (route) => route.fulfill({ json: fixture.body }));
    await page.goto('/#/quality');
    await expect(page.getByTestId('accuracy-1')).toHaveText('87.5 %');
    // A complete week says nothing about coverage.
    await expect(page.getByTestId('covered-since')).toHaveCount(0);
    await expect(page.getByText('95 % interval 74–95 % · 40 labels')).toBeVisible();
    await expect(page.getByTestId('accuracy-2')).toHaveText('5 labels');
    await expect(page.getByText(/Somewhere in 23–88 % \(95 % interval\)/)).toBeVisible();
    await expect(page.getByText('Needs ≥ 30 labels', { exact: true })).toBeVisible();
    await expect(
      page.getByText(/Estimated accuracy is the model's own average confidence/),
    ).toHaveCount(1);
    await expect(page.getByText(/Too few labels to compare yet/)).toBeVisible();
    await expect(page.getByTestId('caveated-share')).toContainText('10.0 %');
    await expect(page.getByTestId('caveated-share')).toContainText('not English 16 · too short 4');
    await expect(page.getByTestId('drift-card')).toContainText(
      'Reviews look like the ones the model was trained on.',
    );

    // The figures behind the chart: two labelled hours, and nothing for the hours between.
    await page.getByText('The hourly figures as a table').click();
    const rows = page.getByRole('region', { name: 'Hourly figures' }).locator('tbody tr');
    await expect(rows).toHaveCount(2);
    const gapLabel = await page.evaluate(
      (at) =>
        new Date(at).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
      fixture.gapHour.getTime(),
    );
    await expect(rows.filter({ hasText: gapLabel })).toHaveCount(0);
    await expect(rows.first()).toContainText('90 % of 20');
  });

  test('says which predictions the figures count while the monitor is still backfilling', async ({
    page,
  }) => {
    const coveredSince = new Date(Date.now() - 90 * 60_000);
    await page.route(/\/api\/quality\?/, (route) =>
      route.fulfill({
        json: { ...qualityFixture().body, covered_since: coveredSince.toISOString() },
      }),
    );
    await page.goto('/#/quality');
    const since = await page.evaluate(
      (at) =>
        new Date(at).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
      coveredSince.getTime(),
    );
    await expect(page.getByTestId('covered-since')).toHaveText(
      `The monitor is still adding up older predictions: these figures count those made since ${since}.`,
    );
  });

  for (const [name, viewport] of Object.entries(widths)) {
    test(`screenshot at ${viewport.width} px; the wide table scrolls by keyboard`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await page.goto('/#/quality');
      await expect(page.getByTestId('drift-card')).toBeVisible({ timeout: 20_000 });
      await expectNoSidewaysScroll(page);
      const region = page.getByRole('region', { name: 'Per-class figures per version' });
      await expect(region).toHaveAttribute('tabindex', '0');
      if (name === 'phone') {
        await expect(page.getByText('Swipe the table sideways for more columns →')).toBeVisible();
        const fontSizes = await page.evaluate(() =>
          Array.from(document.querySelectorAll('.quality .u-legend, .quality td'), (node) =>
            Number.parseFloat(getComputedStyle(node).fontSize),
          ),
        );
        expect(Math.min(...fontSizes)).toBeGreaterThanOrEqual(11);
      }
      await page.screenshot({ path: `${dir}pages-quality-${viewport.width}.png`, fullPage: true });
    });
  }
});

test.describe('Model page', () => {
  for (const [, viewport] of Object.entries(widths)) {
    test(`leads with a plain paragraph and shows no raw keys (${viewport.width} px)`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await openReadyApp(page, '/#/model');
      const summary = page.getByTestId('model-summary');
      await expect(summary).toContainText(
        /held-out reviews it never saw while learning, it is right \d+\.\d %/,
      );
      await expect(summary).toContainText(/for kitchen goods/);
      await expect(summary).toContainText(/weaker on short texts/);
      await expect(summary).toContainText(/not in English/);
      await expect(page.getByTestId('model-figures')).toContainText(
        'Confidence honesty (calibration error)',
      );
      // innerText, not textContent: what a closed <details> holds is not on screen.
      // biome-ignore lint/performance/useDomNodeTextContent: only the visible text counts here
      const visible = await page.locator('main').innerText();
      expect(visible).not.toMatch(/test[ _](ece|accuracy)|[a-z]+_[a-z]+/i);
      // Metrics appear once: no second table of the same figures.
      expect(visible.match(/Right on held-out reviews/g)).toHaveLength(1);
      const matrix = page.getByRole('table', { name: 'Its mistakes on the test reviews' });
      for (const cell of await matrix.locator('td:has(strong)').all()) {
        expect(await contrastOf(cell)).toBeGreaterThanOrEqual(4.5);
      }
      // Hyperparameters wait behind a disclosure.
      const details = page.getByText('Training details and hyperparameters');
      await expect(page.getByRole('table', { name: /Hyperparameters/ })).toBeHidden();
      await details.click();
      await expect(page.getByRole('table', { name: /Hyperparameters/ })).toBeVisible();
      await details.click();
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `${dir}pages-model-${viewport.width}.png`, fullPage: true });
    });
  }

  test('the full model card renders on request, its images served from the version', async ({
    page,
  }) => {
    await openReadyApp(page, '/#/model');
    await page.getByText('The full model card, as published in the registry').click();
    const card = page.getByRole('region', { name: 'Model card' });
    await expect(card.getByRole('heading', { level: 2, name: 'Test split' })).toBeVisible();
    await expect(card.locator('img').first()).toHaveJSProperty('complete', true);
    expect(
      await card
        .locator('img')
        .first()
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);
  });
  test('a model card with HTML in it is sanitised before it reaches the page', async ({ page }) => {
    const card = [
      '# A card',
      '<script>window.cardRan = true</script>',
      '<img src="x" onerror="window.cardRan = true">',
      '[click](javascript:window.cardRan=true)',
      '| a | b |\n| --- | --- |\n| 1 | 2 |',
    ].join('\n\n');
    await page.route(/README\.md$/, (route) =>
      route.fulfill({ body: card, contentType: 'text/markdown' }),
    );
    await openReadyApp(page, '/#/model');
    await page.getByText('The full model card, as published in the registry').click();
    const region = page.getByRole('region', { name: 'Model card' });
    await expect(region.getByRole('table')).toBeVisible();
    await expect(region.locator('script')).toHaveCount(0);
    await expect(region.locator('[onerror]')).toHaveCount(0);
    await expect(region.locator('a[href^="javascript:"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { cardRan?: boolean }).cardRan)).toBeUndefined();
  });
});

const csvWithColumns = [
  'id,stars,review,note',
  'r-1,5,"Great blender, really ""great"" — smooth in seconds",first',
  'r-2,1,"Broke after a week.\nSecond line of the same review",',
  'r-3,3,,"no text, kept anyway"',
  'r-4,2,"=HYPERLINK(""http://evil.example"") cheap junk",formula',
].join('\r\n');

test.describe('Batch', () => {
  for (const [, viewport] of Object.entries(widths)) {
    test(`a CSV with extra columns is previewed, then round-trips with the verdict added (${viewport.width} px)`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await openReadyApp(page, '/#/batch');
      await page.getByLabel('…or choose a CSV file').setInputFiles({
        name: 'reviews.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`\ufeff${csvWithColumns}`),
      });
      const preview = page.getByTestId('file-preview');
      await expect(preview).toContainText('reviews.csv');
      await expect(preview).toContainText('4 rows · 4 columns');
      await expect(preview.getByRole('columnheader')).toHaveText(['id', 'stars', 'review', 'note']);
      await expect(page.getByLabel('Text column')).toHaveValue('2');
      // The paste box gives way to the file.
      await expect(page.getByLabel('Paste reviews, one per line')).toHaveCount(0);
      await expect(page.getByTestId('batch-count')).toHaveText('3 reviews');

      await page.getByRole('button', { name: 'Classify 3' }).click();
      const summary = page.getByTestId('batch-summary');
      await expect(summary).toContainText('3 classified');
      await expect(summary).toBeInViewport();
      await expect(page.getByTestId('results-shown')).toHaveText('4 of 4 rows');
      await page.getByLabel('Show').selectOption('skipped');
      await expect(page.getByTestId('results-shown')).toHaveText('1 of 4 rows');
      await page.getByLabel('Show').selectOption('all');
      await page.getByLabel('Find').fill('blender');
      await expect(page.getByTestId('results-shown')).toHaveText('1 of 4 rows');
      await page.getByLabel('Find').fill('');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `${dir}pages-batch-${viewport.width}.png`, fullPage: true });

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download CSV' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('reviews-polarity.csv');
      const back = parseCsv(await readFile(await file.path(), 'utf8'));
      expect(back.header).toEqual([
        'id',
        'stars',
        'review',
        'note',
        'label',
        'confidence',
        'caveat',
        'model_version',
      ]);
      expect(back.rows.map((row) => row.slice(0, 4))).toEqual([
        ['r-1', '5', 'Great blender, really "great" — smooth in seconds', 'first'],
        ['r-2', '1', 'Broke after a week.\nSecond line of the same review', ''],
        ['r-3', '3', '', 'no text, kept anyway'],
        ['r-4', '2', '\'=HYPERLINK("http://evil.example") cheap junk', 'formula'],
      ]);
      expect(back.rows[0]?.slice(4)).toEqual([
        'positive',
        expect.stringMatching(/^0\.\d+$/),
        expect.any(String),
        championVersion,
      ]);
      expect(back.rows[1]?.[4]).toBe('negative');
      expect(back.rows[2]?.slice(4)).toEqual(['', '', 'skipped: no text', '']);
    });
  }

  test('a large table is virtualised and sorts by confidence', async ({ page }) => {
    await openReadyApp(page, '/#/batch');
    const lines = Array.from({ length: 2000 }, (_, i) =>
      i % 2 ? `Review ${i}: awful, broke at once` : `Review ${i}: great, works well`,
    );
    await page.getByLabel('Paste reviews, one per line').fill(lines.join('\n'));
    await page.getByRole('button', { name: 'Classify 2,000' }).click();
    await expect(page.getByTestId('batch-summary')).toContainText('2,000 classified', {
      timeout: 30_000,
    });
    const rendered = await page.locator('.batch-table tbody tr').count();
    expect(rendered).toBeLessThan(100);
    await page.getByRole('button', { name: /^Confidence/ }).click();
    await expect(page.getByRole('columnheader', { name: /Confidence/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const first = await page.locator('.batch-table tbody td.cell-number').allInnerTexts();
    const values = first.map((text) => Number.parseFloat(text));
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });
});
