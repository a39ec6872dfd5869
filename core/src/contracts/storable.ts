import { z } from 'zod';

/*
 * What Postgres can hold, checked where input arrives so that a value the database would refuse
 * is rejected on its own with a reason, instead of failing the statement that carries it and
 * everything else in it.
 */

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Postgres text holds neither U+0000 nor the halves of a surrogate pair on their own. */
export function storableTextProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL (U+0000) characters';
  if (loneSurrogate.test(text)) return 'must be valid Unicode (no lone surrogates)';
  return undefined;
}

/**
 * A copy any text column accepts, for text the server writes itself (error messages that quote
 * refused input): NUL becomes the visible escape `\\u0000`, a lone surrogate U+FFFD.
 */
export function toStorableText(text: string): string {
  return text
    .replaceAll('\u0000', '\\u0000')
    .replace(new RegExp(loneSurrogate.source, 'g'), '\uFFFD');
}

/** For `.superRefine`: the text must be storable as it is. */
export function checkStorableText(text: string, ctx: z.RefinementCtx): void {
  const problem = storableTextProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

/** A string of 1..max characters that a Postgres text column accepts as it is. */
export function storableString(max: number) {
  return z.string().min(1).max(max).superRefine(checkStorableText);
}

/** The largest value of a Postgres `integer` column. */
export const maxInt32 = 2_147_483_647;

/**
 * Client clocks are wrong in both directions, but not by decades: earlier than this is a broken
 * clock or a forged event, and it would sit outside every monitoring window anyway.
 */
export const earliestEventTime = Date.parse('2000-01-01T00:00:00Z');
/** How far ahead of the server's clock an event may claim to be, for clock skew. */
export const maxClockSkewMs = 24 * 60 * 60 * 1000;

/**
 * An ISO 8601 timestamp with an offset, inside [2000-01-01, now + 1 day] once in UTC: the
 * calendar check is zod's, the window keeps every value inside Postgres' timestamptz range and
 * every monitoring window meaningful.
 */
export const EventTime = z.iso.datetime({ offset: true }).superRefine((value, ctx) => {
  const at = Date.parse(value);
  if (!(at >= earliestEventTime)) {
    ctx.addIssue({ code: 'custom', message: 'must not be earlier than 2000-01-01T00:00:00Z' });
  } else if (at > Date.now() + maxClockSkewMs) {
    ctx.addIssue({ code: 'custom', message: 'must not be more than 24 hours in the future' });
  }
});

/**
 * A UUID in its canonical lower-case form. Postgres compares uuids case-insensitively, so an id
 * that differs from another only in case is the same id and must be treated as such here too.
 */
export const CanonicalUuid = z.uuid().transform((id) => id.toLowerCase());
