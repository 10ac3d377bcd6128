import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import type { ReportChangeRequest } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import type { FieldViolation } from '@welkom/errors';
import { UniversityError } from '../university.errors';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export type ReportableChange = Exclude<SponsorChange, SponsorChange.SPONSOR_CHANGE_UNSPECIFIED>;

export interface ChangeReportCommand {
  readonly applicationReference: string;
  readonly change: ReportableChange;
  readonly factDate: string;
}

export function changeReportCommand(request: ReportChangeRequest): ChangeReportCommand {
  const violations: FieldViolation[] = [];
  const applicationReference = String(request?.applicationReference ?? '');
  if (!REFERENCE.test(applicationReference)) violations.push({ field: 'application_reference', description: 'is not an application reference' });
  const change = request?.change;
  if (
    ![SponsorChange.SPONSOR_CHANGE_DEREGISTERED, SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS, SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED].includes(change)
  ) {
    violations.push({ field: 'change', description: 'must name the change' });
  }
  const factDate = String(request?.factDate ?? '');
  if (!ISO_DATE.test(factDate)) violations.push({ field: 'fact_date', description: 'must be an ISO date YYYY-MM-DD' });
  if (violations.length > 0) throw UniversityError.invalid(violations);
  return { applicationReference, change: change as ReportableChange, factDate };
}
