import { describe, expect, it } from 'vitest';
import { mainThreadLane } from '../../src/models/main-thread-lane.ts';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('mainThreadLane', () => {
  it('keeps small jobs on the main thread and sends large ones to the workers', () => {
    const lane = mainThreadLane({ maxJobChars: 100, charsPerTurn: 1_000 });
    expect(lane.admit(100)).toBe(true);
    expect(lane.admit(101)).toBe(false);
  });

  it('allows a turn only so many characters, and starts afresh the next turn', async () => {
    const lane = mainThreadLane({ maxJobChars: 100, charsPerTurn: 250 });
    expect([lane.admit(100), lane.admit(100), lane.admit(100), lane.admit(50)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    await nextTurn();
    expect(lane.admit(100)).toBe(true);
  });
});
