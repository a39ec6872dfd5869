import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caveatCodes } from '../../src/contracts/caveat.ts';
import { Event } from '../../src/contracts/events.ts';
import { plainEvent } from '../../src/contracts/plain-event.ts';

/*
 * `plainEvent` stands in for `Event.parse` on the ingestion hot path: whatever it accepts, zod
 * must accept with the same value, and it must accept the ordinary valid event (else it saves
 * nothing). Both are fed the same valid, near-valid and arbitrary events.
 */

const dayMs = 24 * 60 * 60 * 1000;

/** Strings zod accepts as storable, up to `max` characters, its edges included. */
const storable = (max: number) =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: Math.min(max, 40) }),
    },
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 20) }),
    fc.constantFrom('x'.repeat(max), ' ', '\u00a0', 'ǅ', '😀'),
  );
/** Strings of every kind, what Postgres refuses and what the limits count included. */
const anyString = (max: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('', '\u0000', 'a\u0000b', '\uD800', 'a\uDC00', '\uDC00\uD800'),
    fc.constant('x'.repeat(max + 1)),
  );

/** zod takes versions 1 to 8 of RFC 9562's variant, and the nil and max ids. */
const rfcUuid = fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] });
const validUuid = fc.oneof(
  rfcUuid,
  rfcUuid.map((id) => id.toUpperCase()),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
);
const badUuid = fc.oneof(
  fc.constantFrom(
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    'a0eebc99-9c0b-0ef8-bb6d-6bb9bd380a11',
    'a0eebc99-9c0b-4ef8-cb6d-6bb9bd380a11',
    'a0eebc999c0b4ef8bb6d6bb9bd380a11',
    '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\n',
    ' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  ),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
);

function offsetMinutes(offset: string): number {
  const match = /^([+-])(\d\d):(\d\d)$/.exec(offset);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** `at` written in local time at `offset`, with `fraction` after the seconds. */
const written = (at: number, offset: string, fraction: string) => {
  const shifted = new Date(at + offsetMinutes(offset) * 60_000).toISOString();
  return `${shifted.slice(0, 19)}${fraction}${offset}`;
};
const earliest = Date.parse('2000-01-01T00:00:00Z');
const validTime = fc
  .tuple(
    fc.oneof(fc.integer({ min: earliest, max: Date.now() }), fc.constant(earliest)),
    fc.constantFrom('Z', '+00:00', '+02:00', '-05:30', '+23:59'),
    fc.constantFrom('', '.1', '.123', '.123456789'),
  )
  .map(([at, offset, fraction]) => written(at, offset, fraction));
const badTime = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        fc.integer({ min: earliest - 2 * dayMs, max: earliest }),
        fc.integer({ min: Date.now() + dayMs - 5000, max: Date.now() + 2 * dayMs }),
      ),
      fc.constantFrom('Z', '+00:00', '-05:30', '+24:00', 'z', '', '+0200'),
      fc.constantFrom('', '.123', '.'),
    )
    .map(([at, offset, fraction]) => written(at, offset, fraction)),
  fc.constantFrom('1999-12-31T23:59:59.999Z', '2000-01-01T00:59:59.999+01:00'),
  fc.constant(0).map(() => new Date(Date.now() + dayMs + 1000).toISOString()),
  fc.constantFrom('2024-02-29T12:00:00Z', '2023-02-29T12:00:00Z', '2024-04-31T00:00:00Z'),
  fc.constantFrom('2024-01-01 00:00:00Z', '2024-01-01T00:00Z', '2024-01-01'),
  fc.string({ maxLength: 30 }),
);

const validUnit = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, -0, 1));
const badNumber = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(-1e-9, 1.0000001, -0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.double({ min: -1, max: -1e-300 }), fc.double({ min: 1.000001, max: 2 })),
  },
  fc.double(),
  fc.constantFrom('1', null, true),
);

/** A valid value of each field, its edges included, and values near it, valid or not. */
const fields = {
  type: [fc.constant('prediction'), fc.constantFrom('feedback', 'Prediction', '', null)],
  id: [validUuid, badUuid],
  created_at: [validTime, badTime],
  client_id: [storable(64), anyString(64)],
  source: [fc.constantFrom('web', 'api', 'simulator'), fc.constantFrom('Web', '', 'server')],
  model: [
    fc.record({ name: storable(128), version: storable(64) }),
    fc.oneof(
      fc.record({ name: anyString(128), version: anyString(64) }, { requiredKeys: [] }),
      fc.record({ name: storable(128), version: fc.constant('x'.repeat(65)) }),
      fc.record({ name: fc.constant('x'.repeat(129)), version: storable(64) }),
      fc.record({ name: storable(128), version: storable(64), extra: fc.jsonValue() }),
      fc.constantFrom(null, [], 'model'),
    ),
  ],
  label: [fc.constantFrom('negative', 'positive'), fc.constantFrom('Positive', 'neutral', '', 1)],
  probabilities: [
    fc.record({ negative: validUnit, positive: validUnit }),
    fc.oneof(
      fc.record({ negative: validUnit, positive: badNumber }),
      fc.record({ negative: badNumber, positive: validUnit }),
      fc.record({ negative: validUnit, positive: validUnit }, { requiredKeys: ['negative'] }),
      fc.record({ negative: validUnit, positive: validUnit, neutral: validUnit }),
      fc.constant([0.5, 0.5]),
    ),
  ],
  runtime: [fc.constantFrom('wasm', 'webgpu', 'server'), fc.constantFrom('WASM', 'cpu', '')],
  latency_ms: [
    fc.oneof(fc.double({ min: 0, max: 600_000, noNaN: true }), fc.constantFrom(0, 600_000)),
    fc.oneof(badNumber, fc.constantFrom(600_000.0001, -1)),
  ],
  text: [
    fc.oneof(
      storable(20_000).filter((text) => text.trim().length > 0),
      fc.constantFrom(' x ', '\tx', 'x'.repeat(20_000), 'a\u2028b', '\ufeffx'),
    ),
    fc.oneof(anyString(20_000), fc.constantFrom(' ', '\n\t ', '\u00a0\u2003', '\ufeff', '\u200b')),
  ],
  shadow: [fc.boolean(), fc.constantFrom(null, 0, 'true')],
  token_count: [
    fc.oneof(fc.integer({ min: 0, max: 2_147_483_647 }), fc.constantFrom(0, 2_147_483_647)),
    fc.oneof(
      badNumber,
      fc.constantFrom(2_147_483_648, -1, 2 ** 53, 1e21),
      fc.double({ min: 0, max: 2 ** 31, noInteger: true }),
    ),
  ],
  unknown_token_rate: [validUnit, badNumber],
  caveat: [
    fc.oneof(
      fc.record({ code: fc.constantFrom(...caveatCodes), message: storable(300) }),
      fc.constant(null),
    ),
    fc.oneof(
      fc.record(
        { code: fc.string({ maxLength: 12 }), message: anyString(300) },
        { requiredKeys: [] },
      ),
      fc.record({ code: fc.constantFrom('Too_short', '', 'other'), message: storable(300) }),
      fc.record({ code: fc.constantFrom(...caveatCodes), message: anyString(300) }),
      fc.record({ code: fc.constantFrom(...caveatCodes), message: storable(300), at: fc.nat() }),
      fc.constantFrom('too_short', []),
    ),
  ],
  prediction_id: [validUuid, badUuid],
} as const;

type Field = keyof typeof fields;
const predictionFields: Field[] = [
  'type',
  'id',
  'created_at',
  'client_id',
  'source',
  'model',
  'label',
  'probabilities',
  'runtime',
  'latency_ms',
  'text',
  'shadow',
  'token_count',
  'unknown_token_rate',
  'caveat',
];
const optional = new Set<Field>(['shadow', 'token_count', 'unknown_token_rate', 'caveat']);
const feedbackFields: Field[] = ['type', 'id', 'created_at', 'client_id', 'prediction_id', 'label'];

function valid(names: Field[], type: string) {
  const record = Object.fromEntries(names.map((name) => [name, fields[name][0]]));
  return fc.record(
    { ...record, type: fc.constant(type) } as Record<string, fc.Arbitrary<unknown>>,
    {
      requiredKeys: names.filter((name) => !optional.has(name)),
    },
  );
}

/** What can go wrong with one key: a value near the valid ones, a key gone, a key added. */
const change = (names: Field[]) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(...names)
        .chain((name) =>
          fields[name][1].map((value) => ({ key: name as string, value: value as unknown })),
        ),
    },
    fc.constantFrom(...names).map((name) => ({ key: name as string, value: undefined })),
    fc
      .tuple(fc.string({ maxLength: 14 }), fc.jsonValue())
      .map(([key, value]) => ({ key, value: value as unknown })),
  );

/** A valid event with no, one or two of its keys changed, in JSON or as a value. */
const events = (names: Field[], type: string) =>
  fc
    .tuple(
      valid(names, type),
      fc.array(fc.tuple(change(names), fc.boolean()), { maxLength: 2 }),
      fc.boolean(),
    )
    .map(([event, changes, viaJson]) => {
      const changed: Record<string, unknown> = { ...event };
      for (const [{ key, value }, remove] of changes) {
        if (value === undefined && remove) delete changed[key];
        else changed[key] = value;
      }
      return viaJson ? JSON.parse(JSON.stringify(changed)) : changed;
    });

/** Accepted only as zod accepts it: the same value, keys in the same order. */
function agrees(candidate: unknown) {
  const fast = plainEvent(candidate, Date.now());
  if (fast === undefined) return;
  const parsed = Event.safeParse(candidate);
  expect(parsed.success).toBe(true);
  expect(fast).toStrictEqual(parsed.data);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed.data));
}

describe('plainEvent', () => {
  it('accepts only what Event.parse accepts, as Event.parse returns it', () => {
    const candidates = fc.oneof(
      events(predictionFields, 'prediction'),
      events(feedbackFields, 'feedback'),
      fc.anything(),
      fc.jsonValue(),
    );
    // A bound that only a rare value crosses needs this many runs to be met: about 2 s on a
    // quiet machine, 7 under load, hence the time allowed.
    fc.assert(fc.property(candidates, agrees), { numRuns: 40_000 });
  }, 60_000);

  it('takes every valid event of plain ASCII itself', () => {
    const ascii = (value: unknown) => !/[^\x20-\x7e]/.test(JSON.stringify(value));
    const valids = fc
      .oneof(valid(predictionFields, 'prediction'), valid(feedbackFields, 'feedback'))
      .map((event) => JSON.parse(JSON.stringify(event)))
      .filter(ascii);
    fc.assert(
      fc.property(valids, (event) => {
        expect(plainEvent(event, Date.now())).toStrictEqual(Event.parse(event));
      }),
      { numRuns: 5_000 },
    );
  });

  it('leaves to zod what it cannot decide: surrogates, NUL, objects that are not plain', () => {
    const event = {
      type: 'feedback',
      id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      created_at: '2024-01-01T00:00:00Z',
      client_id: 'web',
      prediction_id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12',
      label: 'positive',
    };
    expect(plainEvent(event, Date.now())).toStrictEqual(Event.parse(event));
    expect(plainEvent({ ...event, client_id: 'web 😀' }, Date.now())).toBeUndefined();
    expect(plainEvent({ ...event, client_id: 'web\u0000' }, Date.now())).toBeUndefined();
    expect(plainEvent(Object.assign(Object.create(null), event), Date.now())).toBeUndefined();
  });
});
