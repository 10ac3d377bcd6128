/** A parked record as the console shows it: where it came from and why; never its payload. */
export interface DeadLetterEntry {
  readonly id: string;
  readonly sourceTopic: string;
  readonly errorClass: string;
  readonly reason: string;
  readonly consumerGroup: string;
  readonly deadLetteredAt: string;
  readonly eventType: string | null;
}

export interface DeadLettersPanel {
  readonly total: number;
  readonly byTopic: readonly { sourceTopic: string; total: number; byReason: readonly { errorClass: string; count: number }[] }[];
  readonly byReason: readonly { errorClass: string; count: number }[];
  /** The latest entries first, with their reason. */
  readonly latest: readonly DeadLetterEntry[];
}

function countsOf(entries: readonly DeadLetterEntry[]): { errorClass: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.errorClass, (counts.get(entry.errorClass) ?? 0) + 1);
  return [...counts]
    .map(([errorClass, count]) => ({ errorClass, count }))
    .sort((a, b) => b.count - a.count || a.errorClass.localeCompare(b.errorClass));
}

/** Dead letters per source topic and reason class, and the latest `latestCount` of them with their reason. */
export function deadLettersPanel(entries: readonly DeadLetterEntry[], latestCount: number): DeadLettersPanel {
  const topics = [...new Set(entries.map((entry) => entry.sourceTopic))];
  return {
    total: entries.length,
    byTopic: topics
      .map((sourceTopic) => {
        const ofTopic = entries.filter((entry) => entry.sourceTopic === sourceTopic);
        return { sourceTopic, total: ofTopic.length, byReason: countsOf(ofTopic) };
      })
      .sort((a, b) => b.total - a.total || a.sourceTopic.localeCompare(b.sourceTopic)),
    byReason: countsOf(entries),
    // ISO timestamps sort as text; a record without one (not written by our consumers) sorts last.
    latest: [...entries].sort((a, b) => b.deadLetteredAt.localeCompare(a.deadLetteredAt)).slice(0, latestCount),
  };
}
