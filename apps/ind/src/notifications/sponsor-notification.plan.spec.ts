import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { IndError } from '../ind.errors';
import type { SponsorNotificationCommand } from './sponsor-notification.command';
import { planNotification, reportedLate } from './sponsor-notification.plan';

const S = ApplicationStatus;
const context = { ruleVersion: 'decision-rules.v1', sponsorRegisterVersion: 'dev-2026-1', today: '2026-11-23' };

function report(change: SponsorChange, factDate = '2026-11-01', reportedOn = '2026-11-20'): SponsorNotificationCommand {
  return {
    notificationId: '5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    applicationRef: '6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    change: change as SponsorNotificationCommand['change'],
    factDate,
    reportedOn,
    revokedEvidenceIds: [],
  };
}

describe('a sponsor notification', () => {
  it('refuses an open student application when the student is deregistered', () => {
    const plan = planNotification(
      S.APPLICATION_STATUS_EVIDENCE_PENDING,
      PermitCategory.PERMIT_CATEGORY_STUDENT,
      report(SponsorChange.SPONSOR_CHANGE_DEREGISTERED),
      context,
    );
    expect(plan.effect).toBe('APPLICATION_REFUSED');
    expect(plan.transitions.map((step) => [step.to, step.reasonCode, step.decision?.sponsorNotificationId])).toEqual([
      [S.APPLICATION_STATUS_REFUSED, 'ENROLMENT_NOT_ACTIVE', '5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'],
    ]);
  });

  it('withdraws a grant that has no permit yet', () => {
    const plan = planNotification(
      S.APPLICATION_STATUS_GRANTED,
      PermitCategory.PERMIT_CATEGORY_STUDENT,
      report(SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS),
      context,
    );
    expect([plan.effect, plan.transitions.map((step) => step.to)]).toEqual(['GRANT_WITHDRAWN', [S.APPLICATION_STATUS_REFUSED]]);
  });

  it('leaves an issued permit in place and asks for a review', () => {
    const plan = planNotification(
      S.APPLICATION_STATUS_PERMIT_ISSUED,
      PermitCategory.PERMIT_CATEGORY_STUDENT,
      report(SponsorChange.SPONSOR_CHANGE_DEREGISTERED),
      context,
    );
    expect([plan.effect, plan.transitions]).toEqual(['PERMIT_REVIEW_REQUIRED', []]);
  });

  it('only records a report about an application that was already refused', () => {
    expect(
      planNotification(
        S.APPLICATION_STATUS_REFUSED,
        PermitCategory.PERMIT_CATEGORY_STUDENT,
        report(SponsorChange.SPONSOR_CHANGE_DEREGISTERED),
        context,
      ).effect,
    ).toBe('RECORDED');
  });

  it('ends a researcher application when the hosting ends', () => {
    const plan = planNotification(
      S.APPLICATION_STATUS_SUBMITTED,
      PermitCategory.PERMIT_CATEGORY_RESEARCHER,
      report(SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED),
      context,
    );
    expect(plan.transitions.map((step) => step.reasonCode)).toEqual(['HOSTING_AGREEMENT_NOT_VALID_FOR_PERIOD']);
  });

  it('refuses a change that does not fit the category', () => {
    expect(() =>
      planNotification(
        S.APPLICATION_STATUS_SUBMITTED,
        PermitCategory.PERMIT_CATEGORY_RESEARCHER,
        report(SponsorChange.SPONSOR_CHANGE_DEREGISTERED),
        context,
      ),
    ).toThrow(IndError);
  });

  it('flags a report made more than four weeks after the fact', () => {
    expect(reportedLate('2026-10-01', '2026-10-29')).toBe(false);
    expect(reportedLate('2026-10-01', '2026-10-30')).toBe(true);
  });

  describe('from an employer about a knowledge migrant (issue 13)', () => {
    it('a salary drop after the permit is recorded for a review of the permit', () => {
      const plan = planNotification(
        S.APPLICATION_STATUS_PERMIT_ISSUED,
        PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT,
        report(SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION),
        context,
      );
      expect([plan.effect, plan.transitions, plan.reportedLate]).toEqual(['PERMIT_REVIEW_REQUIRED', [], false]);
    });

    it('a salary drop while the application is open refuses it with SALARY_BELOW_CRITERION', () => {
      const plan = planNotification(
        S.APPLICATION_STATUS_EVIDENCE_PENDING,
        PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD,
        report(SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION),
        context,
      );
      expect(plan.transitions.map((step) => [step.to, step.reasonCode])).toEqual([
        [S.APPLICATION_STATUS_REFUSED, 'SALARY_BELOW_CRITERION'],
      ]);
    });

    it('the end of employment withdraws a grant not yet followed by a permit', () => {
      const plan = planNotification(
        S.APPLICATION_STATUS_GRANTED,
        PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT,
        report(SponsorChange.SPONSOR_CHANGE_EMPLOYMENT_ENDED),
        context,
      );
      expect(plan.transitions.map((step) => [step.to, step.reasonCode])).toEqual([[S.APPLICATION_STATUS_REFUSED, 'EMPLOYMENT_ENDED']]);
    });

    it('a salary report about a student does not apply', () => {
      expect(() =>
        planNotification(
          S.APPLICATION_STATUS_GRANTED,
          PermitCategory.PERMIT_CATEGORY_STUDENT,
          report(SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION),
          context,
        ),
      ).toThrow(IndError);
    });
  });
});
