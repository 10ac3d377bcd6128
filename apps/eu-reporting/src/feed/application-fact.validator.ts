import { checkIsoDate, type EpochDay } from '@welkom/platform';
import type { ApplicationFactField, CheckedApplicationFact, UncheckedApplicationFact } from './application-fact';
import { citizenshipCodeOf, type CitizenshipCodeList } from './citizenship-code';
import {
  categoryCodeOf,
  DECISIONS,
  DecisionCode,
  decisionCodeOfText,
  PERMIT_CATEGORIES,
  SPONSOR_TYPES,
  sponsorTypeCodeOf,
} from './permit-category';

export type FactProblemCode =
  | 'MISSING_VALUE'
  | 'INVALID_APPLICATION_ID'
  | 'UNKNOWN_CATEGORY'
  | 'INVALID_CITIZENSHIP'
  | 'UNKNOWN_CITIZENSHIP'
  | 'UNKNOWN_SPONSOR_TYPE'
  | 'INVALID_DATE'
  | 'UNKNOWN_DECISION'
  | 'DECISION_WITHOUT_DATE'
  | 'DATE_WITHOUT_DECISION'
  | 'DECIDED_BEFORE_SUBMITTED';

export interface FactProblem {
  readonly code: FactProblemCode;
  readonly field: ApplicationFactField;
  /** Says what is wrong with the value, quoting it; the caller adds where (line, column, event). */
  readonly message: string;
}

export type FactValidation =
  { readonly ok: true; readonly fact: CheckedApplicationFact } | { readonly ok: false; readonly problems: readonly FactProblem[] };

const UNKNOWN_SPONSOR_TYPE = sponsorTypeCodeOf('UNKNOWN');

/** Long enough for any case number we have seen, short enough that one id cannot bloat the ledger. */
export const MAX_APPLICATION_ID_LENGTH = 64;

/**
 * Printable ASCII without space, comma or double quote: ids travel through CSV, Kafka keys and URLs unchanged.
 * A character loop rather than a regular expression: it runs once per imported row.
 */
function isPlainApplicationId(id: string): boolean {
  if (id.length > MAX_APPLICATION_ID_LENGTH) return false;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code <= 32 || code > 126 || code === 34 || code === 44) return false;
  }
  return true;
}

function quoted(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function checkDate(value: string, field: 'submittedOn' | 'decidedOn', problems: FactProblem[]): EpochDay | undefined {
  const parsed = checkIsoDate(value);
  if (typeof parsed === 'number') return parsed;
  problems.push({
    code: 'INVALID_DATE',
    field,
    message: parsed === 'FORMAT' ? `${quoted(value)} is not an ISO date (YYYY-MM-DD)` : `${quoted(value)} is not a day in the calendar`,
  });
  return undefined;
}

/**
 * The one place an application fact is judged, whatever carried it (CSV row, status event), so every
 * adapter rejects the same things for the same reasons. Collects every problem of the fact, not just the
 * first, so one report fixes a row.
 */
export class ApplicationFactValidator {
  constructor(private readonly citizenships: CitizenshipCodeList) {}

  validate(input: UncheckedApplicationFact): FactValidation {
    const problems: FactProblem[] = [];

    const { applicationId } = input;
    if (applicationId === '') {
      problems.push({ code: 'MISSING_VALUE', field: 'applicationId', message: 'is empty' });
    } else if (!isPlainApplicationId(applicationId)) {
      problems.push({
        code: 'INVALID_APPLICATION_ID',
        field: 'applicationId',
        message: `${quoted(applicationId)} must be 1–${MAX_APPLICATION_ID_LENGTH} printable ASCII characters without spaces, commas or quotes`,
      });
    }

    const category = categoryCodeOf(input.category);
    if (input.category === '') {
      problems.push({ code: 'MISSING_VALUE', field: 'category', message: 'is empty' });
    } else if (category === undefined) {
      problems.push({
        code: 'UNKNOWN_CATEGORY',
        field: 'category',
        message: `${quoted(input.category)} is not one of ${PERMIT_CATEGORIES.join(', ')}`,
      });
    }

    const citizenship = citizenshipCodeOf(input.citizenship);
    if (input.citizenship === '') {
      problems.push({ code: 'MISSING_VALUE', field: 'citizenship', message: 'is empty' });
    } else if (citizenship < 0) {
      problems.push({
        code: 'INVALID_CITIZENSHIP',
        field: 'citizenship',
        message: `${quoted(input.citizenship)} is not an ISO 3166-1 alpha-2 code (two capital letters)`,
      });
    } else if (!this.citizenships.isAssigned(citizenship)) {
      problems.push({
        code: 'UNKNOWN_CITIZENSHIP',
        field: 'citizenship',
        message: `${quoted(input.citizenship)} is not an assigned ISO 3166-1 alpha-2 code`,
      });
    }

    const sponsorTypeText = input.sponsorType === undefined || input.sponsorType === '' ? 'UNKNOWN' : input.sponsorType;
    const sponsorType = sponsorTypeText === 'UNKNOWN' ? UNKNOWN_SPONSOR_TYPE : sponsorTypeCodeOf(sponsorTypeText);
    if (sponsorType === undefined) {
      problems.push({
        code: 'UNKNOWN_SPONSOR_TYPE',
        field: 'sponsorType',
        message: `${quoted(sponsorTypeText)} is not one of ${SPONSOR_TYPES.join(', ')}`,
      });
    }

    const submittedDay =
      input.submittedOn === ''
        ? (problems.push({ code: 'MISSING_VALUE', field: 'submittedOn', message: 'is empty' }), undefined)
        : checkDate(input.submittedOn, 'submittedOn', problems);

    const decidedOn = input.decidedOn ?? '';
    const decisionText = input.decision ?? '';
    const decidedDay = decidedOn === '' ? undefined : checkDate(decidedOn, 'decidedOn', problems);
    let decision: DecisionCode = DecisionCode.PENDING;
    if (decisionText !== '') {
      const code = decisionCodeOfText(decisionText);
      if (code === undefined) {
        problems.push({
          code: 'UNKNOWN_DECISION',
          field: 'decision',
          message: `${quoted(decisionText)} is not one of ${DECISIONS.join(', ')} (leave empty while pending)`,
        });
      } else {
        decision = code;
      }
    }
    if (decisionText !== '' && decidedOn === '') {
      problems.push({
        code: 'DECISION_WITHOUT_DATE',
        field: 'decidedOn',
        message: `is empty but the decision is ${quoted(decisionText)}`,
      });
    }
    if (decisionText === '' && decidedOn !== '') {
      problems.push({
        code: 'DATE_WITHOUT_DECISION',
        field: 'decision',
        message: `is empty but a decision date ${quoted(decidedOn)} is given`,
      });
    }
    if (submittedDay !== undefined && decidedDay !== undefined && decidedDay < submittedDay) {
      problems.push({
        code: 'DECIDED_BEFORE_SUBMITTED',
        field: 'decidedOn',
        message: `${quoted(decidedOn)} is before the submission date ${quoted(input.submittedOn)}`,
      });
    }

    if (problems.length > 0 || category === undefined || sponsorType === undefined || submittedDay === undefined) {
      return { ok: false, problems };
    }
    return {
      ok: true,
      fact: {
        applicationId,
        category,
        citizenship,
        sponsorType,
        submittedDay,
        decidedDay: decidedDay ?? 0,
        decision,
      },
    };
  }
}
