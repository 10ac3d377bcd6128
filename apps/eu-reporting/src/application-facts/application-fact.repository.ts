import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApplicationFact } from '../feed/application-fact';
import type { Decision, PermitCategory, SponsorType } from '../feed/permit-category';

/** A fact to store, with the event that produced it. */
export interface StoredFactChange {
  readonly fact: ApplicationFact;
  readonly eventId: string;
}

interface FactRow {
  application_id: string;
  category: string;
  citizenship: string;
  sponsor_type: string;
  submitted_on: string;
  decided_on: string | null;
  decision: string | null;
}

// Dates as text: node-postgres would turn a `date` into a JS Date at local midnight, and back at UTC.
const FACT_COLUMNS = `application_id, category, citizenship, sponsor_type,
  to_char(submitted_on, 'YYYY-MM-DD') AS submitted_on, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, decision`;

/** Rows hold only facts the validator accepted, so reading them back needs no second check. */
function factOf(row: FactRow): ApplicationFact {
  return {
    applicationId: row.application_id,
    category: row.category as PermitCategory,
    citizenship: row.citizenship,
    sponsorType: row.sponsor_type as SponsorType,
    submittedOn: row.submitted_on,
    ...(row.decision === null ? {} : { decision: row.decision as Decision, decidedOn: row.decided_on ?? '' }),
  };
}

@Injectable()
export class ApplicationFactRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The stored facts of these applications, locked until the transaction ends: two consumers of one
   * application (a rebalance mid-batch) apply its events one after the other, never both on the same "before".
   */
  async lockAndFind(tx: EntityManager, applicationIds: readonly string[]): Promise<Map<string, ApplicationFact>> {
    if (applicationIds.length === 0) return new Map();
    const rows = await tx.query<FactRow[]>(
      `SELECT ${FACT_COLUMNS} FROM application_fact WHERE application_id = ANY($1::text[]) ORDER BY application_id FOR UPDATE`,
      [applicationIds],
    );
    return new Map(rows.map((row) => [row.application_id, factOf(row)]));
  }

  /** Inserts or replaces one row per application (each id at most once per call). */
  async save(tx: EntityManager, changes: readonly StoredFactChange[]): Promise<void> {
    if (changes.length === 0) return;
    await tx.query(
      `INSERT INTO application_fact
         (application_id, category, citizenship, sponsor_type, submitted_on, decided_on, decision, last_event_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::char(2)[], $4::text[], $5::date[], $6::date[], $7::text[], $8::uuid[])
       ON CONFLICT (application_id) DO UPDATE SET
         category = EXCLUDED.category, citizenship = EXCLUDED.citizenship, sponsor_type = EXCLUDED.sponsor_type,
         submitted_on = EXCLUDED.submitted_on, decided_on = EXCLUDED.decided_on, decision = EXCLUDED.decision,
         last_event_id = EXCLUDED.last_event_id, updated_at = now()`,
      [
        changes.map((c) => c.fact.applicationId),
        changes.map((c) => c.fact.category),
        changes.map((c) => c.fact.citizenship),
        changes.map((c) => c.fact.sponsorType ?? 'UNKNOWN'),
        changes.map((c) => c.fact.submittedOn),
        changes.map((c) => c.fact.decidedOn ?? null),
        changes.map((c) => c.fact.decision ?? null),
        changes.map((c) => c.eventId),
      ],
    );
  }

  /** Every stored fact in pages of `pageSize`, in application id order, so memory holds one page at a time. */
  async *all(pageSize = 20_000): AsyncGenerator<ApplicationFact[]> {
    let after: string | null = null;
    for (;;) {
      // Annotated, not a type argument: `after` feeds the query and is read from its rows, which TypeScript calls circular.
      const rows: FactRow[] = await this.dataSource.query(
        `SELECT ${FACT_COLUMNS} FROM application_fact
          WHERE $1::text IS NULL OR application_id > $1::text ORDER BY application_id LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      yield rows.map(factOf);
      after = rows[rows.length - 1].application_id;
    }
  }
}
