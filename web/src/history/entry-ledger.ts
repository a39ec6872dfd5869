import type { Label } from '@polarity/core/contracts';
import type { HistoryEntry } from './history-store.ts';

/**
 * The newest state of each entry analysed on the page. The user's verdict and the challenger's
 * silent prediction arrive in either order: a quick 👎 lands before the challenger has scored
 * the text. Deriving each change from a render's copy of the entry lost the other one, so the
 * challenger's prediction went unjudged, and the saved history kept only whichever was
 * written last. Every change here is read and written without an await in between.
 */
export class EntryLedger {
  private readonly entries = new Map<string, HistoryEntry>();

  /** The entry as this ledger last saw it, or as given when it has not seen it. */
  latest(entry: HistoryEntry): HistoryEntry {
    return this.entries.get(entry.id) ?? entry;
  }

  /** The user's label for the entry, and the ids of every prediction it judges. */
  judge(entry: HistoryEntry, label: Label): { entry: HistoryEntry; judged: string[] } {
    const updated = { ...this.latest(entry), feedback: label };
    this.entries.set(entry.id, updated);
    const judged = [updated.id];
    if (updated.shadowPredictionId) judged.push(updated.shadowPredictionId);
    return { entry: updated, judged };
  }

  /**
   * Links the challenger's prediction to the entry. `label` is the verdict the user gave before
   * it arrived, which the challenger's prediction must receive too; null when none was given.
   */
  linkShadow(
    entry: HistoryEntry,
    shadowPredictionId: string,
  ): { entry: HistoryEntry; label: Label | null } {
    const updated = { ...this.latest(entry), shadowPredictionId };
    this.entries.set(entry.id, updated);
    return { entry: updated, label: updated.feedback };
  }
}
