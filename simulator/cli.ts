/**
 * `npm run simulate -- [options]`: replays test-split reviews through the public API as users
 * would. Ctrl-C stops new predictions and still delivers owed feedback; a second Ctrl-C quits.
 */

import { seededRandom } from '@polarity/model-export/random';
import { createApiClient } from './api-client.ts';
import { simulatorClientId } from './events.ts';
import { parseOptions, usage } from './options.ts';
import { loadTestReviews, reviewSource } from './reviews.ts';
import { runSimulation } from './simulation.ts';
import { formatSummary } from './summary.ts';

async function main(argv: string[]): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`simulate: ${(error as Error).message}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const stop = new AbortController();
  const hardStop = new AbortController();
  const onInterrupt = () => {
    if (stop.signal.aborted) {
      hardStop.abort();
      console.error('simulate: interrupted twice; quitting without the owed feedback');
      process.exit(130);
    }
    console.error('simulate: stopping; sending the feedback still owed (Ctrl-C again to quit now)');
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);

  const reviews = await loadTestReviews(options.data);
  const shift = options['shift-domain']
    ? { domain: options['shift-domain'], afterMs: options['shift-after']! }
    : undefined;
  const random = seededRandom(options.seed);
  const clientId = simulatorClientId(random);
  console.log(
    `simulate: ${reviews.length} test reviews → ${options.url} at ${options.rate}/s for ${options.duration / 1000} s` +
      ` (${options.predictions} predictions${options.degrade ? ', degraded feedback' : ''}, client ${clientId})`,
  );
  const summary = await runSimulation(
    options,
    {
      api: createApiClient(options.url, hardStop.signal),
      reviews: reviewSource(reviews, options.seed, shift),
      random,
      clientId,
    },
    stop.signal,
  );
  console.log(formatSummary(summary));
  process.off('SIGINT', onInterrupt);
  process.off('SIGTERM', onInterrupt);
  const lost = summary.predictions.failed + summary.feedback.failed;
  if (lost > 0) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`simulate: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.cause) console.error('  cause:', error.cause);
  process.exitCode = 1;
});
