import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import type { ReportChangeRequest } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { isoDate, oneOf, parseRequest, referenceId } from '@welkom/validation';
import { z } from 'zod';
import { MAX_APPLICATION_REFERENCE_CHARS } from '../applications/application-filing.command';

/** The changes a university reports: about students and researchers (knowledge-migrant changes are employers'). */
export type ReportableChange =
  | SponsorChange.SPONSOR_CHANGE_DEREGISTERED
  | SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS
  | SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED;

export interface ChangeReportCommand {
  readonly applicationReference: string;
  readonly change: ReportableChange;
  readonly factDate: string;
}

const REPORTABLE_CHANGES: readonly ReportableChange[] = [
  SponsorChange.SPONSOR_CHANGE_DEREGISTERED,
  SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS,
  SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED,
];

const changeReportSchema = z.object({
  applicationReference: referenceId(MAX_APPLICATION_REFERENCE_CHARS, { description: 'is not an application reference' }),
  change: oneOf(REPORTABLE_CHANGES, 'must name the change'),
  factDate: isoDate(),
});

export function changeReportCommand(request: ReportChangeRequest): ChangeReportCommand {
  return parseRequest(changeReportSchema, request);
}
