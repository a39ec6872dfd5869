import type { QualityWindow } from '@polarity/core/contracts';

const minuteMs = 60_000;
export const hourMs = 60 * minuteMs;

/** Window lengths in whole minutes; quality is kept in one bucket per minute of prediction time. */
export const windowMinutes = {
  '1h': 60,
  '24h': 24 * 60,
  '7d': 7 * 24 * 60,
} as const satisfies Record<QualityWindow, number>;

export const qualityWindows = Object.keys(windowMinutes) as QualityWindow[];

/**
 * First minute bucket (epoch ms) of a window ending at `now`: the current minute and the
 * `length - 1` minutes before it, so SQL can recompute a window with
 * `created_at >= date_trunc('minute', now) - (length - 1) minutes`.
 */
export function windowStart(window: QualityWindow, now: Date): number {
  const currentMinute = Math.floor(now.getTime() / minuteMs) * minuteMs;
  return currentMinute - (windowMinutes[window] - 1) * minuteMs;
}
