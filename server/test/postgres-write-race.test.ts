import { describe, expect, it } from 'vitest';
import { isPostgresClosedSocketWrite } from '../src/db/postgres-write-race.ts';

/** A TypeError as V8 throws it from postgres.js's connection.js when the socket is gone. */
function raceError(
  stackFile: string,
  message = "Cannot read properties of null (reading 'write')",
) {
  const error = new TypeError(message);
  error.stack = `TypeError: ${message}\n    at write (file:///app/node_modules/${stackFile}:270:12)`;
  return error;
}

describe('the postgres.js closed-socket write race', () => {
  it('is recognised from postgres.js connection.js', () => {
    expect(isPostgresClosedSocketWrite(raceError('postgres/src/connection.js'))).toBe(true);
  });

  it.each([
    ['a TypeError from elsewhere', raceError('hono/dist/hono-base.js')],
    [
      'another TypeError from connection.js',
      raceError(
        'postgres/src/connection.js',
        "Cannot read properties of undefined (reading 'length')",
      ),
    ],
    [
      'an Error that is no TypeError',
      Object.assign(new Error("(reading 'write')"), { stack: '/postgres/src/connection.js' }),
    ],
    ['a non-error', 'TypeError'],
  ])('is not %s, which still ends the process', (_, error) => {
    expect(isPostgresClosedSocketWrite(error)).toBe(false);
  });
});
