import type { IndFigures } from '../upstream/upstream-documents';
import { categoryLabel, statusLabel } from './labels';

/** A topic of the registry as the flow needs it: who publishes, who consumes (party role names without prefix). */
export interface FlowTopic {
  readonly name: string;
  readonly publisherRoles: readonly string[];
  readonly consumerRoles: readonly string[];
}

export interface ChainOverviewPanel {
  readonly totalCases: number;
  readonly decidedCases: number;
  readonly categories: readonly { category: string; label: string; cases: number; open: number; decided: number }[];
  readonly statuses: readonly { status: string; label: string }[];
  /** Cases per category and status (only non-empty cells). */
  readonly cells: readonly { category: string; status: string; cases: number }[];
  /** Records that went from one agency's role to another's over the backbone, per pair of roles. */
  readonly flow: {
    readonly nodes: readonly { role: string; records: number }[];
    readonly links: readonly { from: string; to: string; records: number; topics: readonly string[] }[];
  };
}

/** Statuses of a case the IND has not decided yet (the same set the deadline monitor watches). */
const OPEN_STATUSES = new Set(['APPLICATION_STATUS_SUBMITTED', 'APPLICATION_STATUS_EVIDENCE_PENDING', 'APPLICATION_STATUS_ADVICE_PENDING']);

/**
 * Where the cases stand (per category and status, from the IND's counts) and how the agencies exchanged records
 * (per pair of publisher and consumer role, from the registry and the topics' record counts). A topic with several
 * publishing roles counts for each of them: the console counts records, it does not open them.
 */
export function chainOverviewPanel(
  figures: IndFigures,
  topics: readonly FlowTopic[],
  recordCounts: ReadonlyMap<string, number>,
): ChainOverviewPanel {
  const categories = [...new Set(figures.stages.map((stage) => stage.category))].sort();
  const statuses = [...new Set(figures.stages.map((stage) => stage.status))].sort();
  const perCategory = categories.map((category) => {
    const rows = figures.stages.filter((stage) => stage.category === category);
    const cases = rows.reduce((sum, row) => sum + row.cases, 0);
    const open = rows.filter((row) => OPEN_STATUSES.has(row.status)).reduce((sum, row) => sum + row.cases, 0);
    return { category, label: categoryLabel(category), cases, open, decided: cases - open };
  });
  const links = new Map<string, { from: string; to: string; records: number; topics: string[] }>();
  for (const topic of topics) {
    const records = recordCounts.get(topic.name) ?? 0;
    if (records === 0) continue;
    for (const from of topic.publisherRoles) {
      for (const to of topic.consumerRoles) {
        if (from === to) continue;
        const key = `${from}→${to}`;
        const link = links.get(key) ?? { from, to, records: 0, topics: [] };
        link.records += records;
        link.topics.push(topic.name);
        links.set(key, link);
      }
    }
  }
  const nodes = new Map<string, number>();
  for (const link of links.values()) {
    nodes.set(link.from, (nodes.get(link.from) ?? 0) + link.records);
    nodes.set(link.to, nodes.get(link.to) ?? 0);
  }
  return {
    totalCases: perCategory.reduce((sum, row) => sum + row.cases, 0),
    decidedCases: perCategory.reduce((sum, row) => sum + row.decided, 0),
    categories: perCategory,
    statuses: statuses.map((status) => ({ status, label: statusLabel(status) })),
    cells: figures.stages.filter((stage) => stage.cases > 0).map(({ category, status, cases }) => ({ category, status, cases })),
    flow: {
      nodes: [...nodes].map(([role, records]) => ({ role, records })).sort((a, b) => a.role.localeCompare(b.role)),
      links: [...links.values()].sort((a, b) => b.records - a.records),
    },
  };
}
