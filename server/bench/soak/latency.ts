/** Latencies and statuses of one route over a soak run. */
export class RouteStats {
  readonly latenciesMs: number[] = [];
  readonly statuses = new Map<string, number>();

  record(status: number | 'network_error', latencyMs: number) {
    this.latenciesMs.push(latencyMs);
    const key = String(status);
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  get requests() {
    return this.latenciesMs.length;
  }

  /** Answers of 500 and above, plus requests that got no answer at all. */
  get serverErrors() {
    let count = 0;
    for (const [status, n] of this.statuses)
      if (status === 'network_error' || Number(status) >= 500) count += n;
    return count;
  }

  percentile(p: number): number {
    if (this.latenciesMs.length === 0) return 0;
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }
}
