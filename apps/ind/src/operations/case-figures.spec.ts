import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { DeadlineLine } from '../deadlines/decision-deadline.calculator';
import { deadlineTallies, type OpenCaseClocks } from './case-figures';

const line = (kind: DeadlineLine['kind'], nature: DeadlineLine['nature'], dueOn: string): DeadlineLine => ({
  kind,
  nature,
  periodDays: 90,
  dueOn,
  extendedByDays: 0,
  source: 'test',
});

const openCase = (statutoryDue: string, euDue: string): OpenCaseClocks => ({
  category: PermitCategory.PERMIT_CATEGORY_STUDENT,
  submittedOn: '2026-09-01',
  deadlineReferenceVersion: 'test',
  deadlines: [line('STATUTORY_DECISION', 'LEGAL', statutoryDue), line('EU_30_DAY_AMBITION', 'INDICATIVE', euDue)],
});

describe('deadlineTallies', () => {
  it('counts each clock on track, at risk (due within the window) and breached (past due), listing every clock', () => {
    const tallies = deadlineTallies(
      [openCase('2026-12-30', '2026-12-05'), openCase('2026-12-08', '2026-12-06'), openCase('2026-12-01', '2026-10-01')],
      '2026-12-06',
      5,
    );
    expect(tallies).toEqual([
      { kind: 'STATUTORY_DECISION', nature: 'LEGAL', onTrack: 1, atRisk: 1, breached: 1 },
      { kind: 'RECOGNISED_SPONSOR_TARGET', nature: 'SERVICE_TARGET', onTrack: 0, atRisk: 0, breached: 0 },
      { kind: 'EU_30_DAY_AMBITION', nature: 'INDICATIVE', onTrack: 0, atRisk: 1, breached: 2 },
    ]);
  });
});
