import type { PredictionResult } from '@polarity/core/contracts';
import { describe, expect, it } from 'vitest';
import { EntryLedger } from '../src/history/entry-ledger.ts';
import type { HistoryEntry } from '../src/history/history-store.ts';

const entry: HistoryEntry = {
  id: 'champion-1',
  text: 'Sturdy, quiet and easy to clean.',
  result: { id: 'champion-1' } as PredictionResult,
  feedback: null,
  createdAt: '2026-12-06T06:00:00.000Z',
};

describe('EntryLedger', () => {
  it('a verdict given before the challenger scored reaches the challenger when it links', () => {
    const ledger = new EntryLedger();
    const judged = ledger.judge(entry, 'negative');
    expect(judged.judged).toEqual(['champion-1']);

    const linked = ledger.linkShadow(entry, 'shadow-1');
    expect(linked.label).toBe('negative');
    expect(linked.entry).toMatchObject({ feedback: 'negative', shadowPredictionId: 'shadow-1' });
  });

  it('a verdict given after the link judges both predictions, from a stale copy of the entry', () => {
    const ledger = new EntryLedger();
    expect(ledger.linkShadow(entry, 'shadow-1').label).toBeNull();

    const judged = ledger.judge(entry, 'positive');
    expect(judged.judged).toEqual(['champion-1', 'shadow-1']);
    expect(judged.entry).toMatchObject({ feedback: 'positive', shadowPredictionId: 'shadow-1' });
  });

  it('a changed verdict keeps the link, and the newest label is the one handed on', () => {
    const ledger = new EntryLedger();
    ledger.judge(entry, 'positive');
    ledger.judge(entry, 'negative');
    expect(ledger.linkShadow(entry, 'shadow-1')).toMatchObject({ label: 'negative' });
    expect(ledger.latest(entry)).toMatchObject({
      feedback: 'negative',
      shadowPredictionId: 'shadow-1',
    });
  });

  it('an entry restored from an earlier session keeps its saved link', () => {
    const ledger = new EntryLedger();
    const saved = { ...entry, shadowPredictionId: 'shadow-0' };
    expect(ledger.judge(saved, 'positive').judged).toEqual(['champion-1', 'shadow-0']);
  });
});
