import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  PermitCategory,
  SponsorType,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { EventInbox, ReceivedEvent } from '@welkom/messaging';
import type { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { AuditTrailRepository } from '../audit/audit-trail.repository';
import { IND, LEIDEN, linkedSubjects, NOW, recordingAudit, SUBJECT, TX } from '../testing/hub-fixtures';
import { caseRelationsCommand } from './case-relation.command';
import { CaseRelationService } from './case-relation.service';
import { sponsorshipEndCommand } from './sponsor-notification.command';
import { SponsorChange, type SponsorNotification } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import type { SubjectRelationRecord } from './subject-relation';
import type { SubjectRelationRepository } from './subject-relation.repository';

const CASE = 'c0ffee00-0000-4000-8000-000000000001';
const RELATION_ID = '00000000-0000-4000-8000-0000000000f1';

function statusEvent(overrides: Partial<ApplicationStatusChanged> = {}): ApplicationStatusChanged {
  return {
    applicationRef: CASE,
    subject: { pseudonym: SUBJECT },
    category: PermitCategory.PERMIT_CATEGORY_STUDENT,
    status: ApplicationStatus.APPLICATION_STATUS_SUBMITTED,
    citizenship: 'KE',
    sponsorType: SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR,
    sponsor: { oin: LEIDEN.oin, subUnit: '' },
    submittedOn: '2026-09-01',
    decidedOn: '',
    reasonCode: '',
    occurredAt: undefined,
    collectionPoint: '',
    arrival: undefined,
    ...overrides,
  };
}

function received(payload: ApplicationStatusChanged): ReceivedEvent<ApplicationStatusChanged> {
  return { envelope: { sourcePartyOin: IND.oin } as ReceivedEvent<unknown>['envelope'], payload, topic: 't', partition: 0, offset: '1' };
}

describe('caseRelationsCommand', () => {
  it('reads who holds the case and who filed it for whom from an IND status event', () => {
    expect(caseRelationsCommand(statusEvent())).toEqual({
      sponsorOin: LEIDEN.oin,
      subjectPseudonym: SUBJECT,
      applicationRef: CASE,
      endedBy: null,
    });
  });

  it('states no relation for an event without a subject (refused before the IND looked the person up)', () => {
    expect(caseRelationsCommand(statusEvent({ subject: { pseudonym: '' } }))).toBeNull();
  });

  it('states a case without a sponsor when the applicant filed through her own channel', () => {
    expect(caseRelationsCommand(statusEvent({ sponsor: undefined }))).toMatchObject({ sponsorOin: '', subjectPseudonym: SUBJECT });
  });

  it.each([
    [ApplicationStatus.APPLICATION_STATUS_WITHDRAWN, true],
    [ApplicationStatus.APPLICATION_STATUS_REFUSED, true],
    [ApplicationStatus.APPLICATION_STATUS_EXPIRED, true],
    [ApplicationStatus.APPLICATION_STATUS_GRANTED, false],
    [ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED, false],
  ])('reads %s as ending the case: %s', (status, ends) => {
    expect(caseRelationsCommand(statusEvent({ status }))?.endedBy).toBe(ends ? status : null);
  });

  it('refuses a malformed event with every field violation (it goes to the dead-letter topic)', () => {
    const malformed = statusEvent({ applicationRef: 'case-1', subject: { pseudonym: 'P1234567' }, sponsor: { oin: '12', subUnit: '' } });
    let thrown: unknown;
    try {
      caseRelationsCommand(malformed);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const fields = (thrown as { fieldViolations: { field: string }[] }).fieldViolations.map((violation) => violation.field);
    expect(fields.sort()).toEqual(['application_ref', 'sponsor', 'subject']);
  });
});

describe('CaseRelationService', () => {
  function build(options: { claimed?: boolean; isNew?: boolean; ended?: { partyOin: string; subjectPseudonym: string }[] } = {}) {
    const audit = recordingAudit();
    const recorded: SubjectRelationRecord[] = [];
    const endings: unknown[][] = [];
    const service = new CaseRelationService(
      strictFake<SubjectRelationRepository>('SubjectRelationRepository', {
        record: async (_tx, relation) => {
          recorded.push(relation);
          return options.isNew ?? true;
        },
        endForCase: async (_tx, kind, caseReference, _at, reason) => {
          endings.push([kind, caseReference, reason]);
          return options.ended ?? [];
        },
      }),
      linkedSubjects(),
      strictFake<AuditTrailRepository>('AuditTrailRepository', { append: audit.append }),
      strictFake<EventInbox>('EventInbox', { claim: async () => options.claimed ?? true }),
      strictFake<TransactionRepository>('TransactionRepository', { run: async (work) => work(TX) }),
      strictFake<ClockRepository>('ClockRepository', { now: () => NOW }),
      strictFake<IdRepository>('IdRepository', { newId: () => RELATION_ID }),
    );
    return { service, audit, recorded, endings };
  }

  it("records the IND's case and the sponsorship, as established by the IND that signed the event, each audited", async () => {
    const { service, audit, recorded, endings } = build();
    await service.record(caseRelationsCommand(statusEvent()), received(statusEvent()));
    expect(recorded.map((r) => [r.kind, r.partyOin, r.subjectPseudonym, r.caseReference, r.establishedBy])).toEqual([
      ['CASE_HOLDER', IND.oin, SUBJECT, CASE, IND.oin],
      ['SPONSORSHIP', LEIDEN.oin, SUBJECT, CASE, IND.oin],
    ]);
    expect(endings).toEqual([]);
    expect(audit.appended.flatMap((a) => a.drafts.map((d) => [d.action, d.actorOin, d.subjectPseudonym]))).toEqual([
      ['RELATION_ESTABLISHED', IND.oin, SUBJECT],
      ['RELATION_ESTABLISHED', IND.oin, SUBJECT],
    ]);
  });

  it('records nothing twice: not a redelivered event, and no second audit entry for a known relation', async () => {
    const redelivered = build({ claimed: false });
    await redelivered.service.record(caseRelationsCommand(statusEvent()), received(statusEvent()));
    expect(redelivered.recorded).toEqual([]);

    const known = build({ isNew: false });
    await known.service.record(caseRelationsCommand(statusEvent()), received(statusEvent()));
    expect(known.audit.appended).toEqual([]);
  });

  it('ends the sponsorship when the case is withdrawn, with an audit entry naming the former sponsor', async () => {
    const withdrawn = statusEvent({ status: ApplicationStatus.APPLICATION_STATUS_WITHDRAWN });
    const { service, audit, endings } = build({ isNew: false, ended: [{ partyOin: LEIDEN.oin, subjectPseudonym: SUBJECT }] });
    await service.record(caseRelationsCommand(withdrawn), received(withdrawn));
    expect(endings).toEqual([['SPONSORSHIP', CASE, ApplicationStatus.APPLICATION_STATUS_WITHDRAWN]]);
    const drafts = audit.appended.flatMap((a) => a.drafts);
    expect(drafts.map((d) => [d.action, d.subjectPseudonym])).toEqual([['RELATION_ENDED', SUBJECT]]);
    expect(drafts[0].reason).toContain(LEIDEN.oin);
  });
});

describe('sponsor notifications', () => {
  const notification = (change: SponsorChange): SponsorNotification => ({
    notificationId: '00000000-0000-4000-8000-0000000000e1',
    applicationRef: CASE,
    subject: { pseudonym: SUBJECT },
    change,
    factDate: '2027-02-01',
    reportedOn: '2027-02-03',
    revokedEvidence: [],
    sponsorReference: '',
  });

  it.each([
    [SponsorChange.SPONSOR_CHANGE_DEREGISTERED, true],
    [SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED, true],
    [SponsorChange.SPONSOR_CHANGE_EMPLOYMENT_ENDED, true],
    [SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS, false],
    [SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION, false],
  ])('reads %s as the end of the sponsorship: %s', (change, ends) => {
    expect(sponsorshipEndCommand(notification(change))).toEqual(ends ? { applicationRef: CASE, change } : null);
  });

  it('ends only the signing sponsor’s own sponsorship of the case, audited as the sponsor', async () => {
    const audit = recordingAudit();
    const endings: unknown[][] = [];
    const service = new CaseRelationService(
      strictFake<SubjectRelationRepository>('SubjectRelationRepository', {
        endForCase: async (_tx, kind, caseReference, _at, reason, partyOin) => {
          endings.push([kind, caseReference, reason, partyOin]);
          return [{ partyOin: LEIDEN.oin, subjectPseudonym: SUBJECT }];
        },
      }),
      linkedSubjects(),
      strictFake<AuditTrailRepository>('AuditTrailRepository', { append: audit.append }),
      strictFake<EventInbox>('EventInbox', { claim: async () => true }),
      strictFake<TransactionRepository>('TransactionRepository', { run: async (work) => work(TX) }),
      strictFake<ClockRepository>('ClockRepository', { now: () => NOW }),
      strictFake<IdRepository>('IdRepository', { newId: () => RELATION_ID }),
    );
    const event = {
      envelope: { sourcePartyOin: LEIDEN.oin } as ReceivedEvent<unknown>['envelope'],
      payload: {},
      topic: 't',
      partition: 0,
      offset: '1',
    };
    await service.endReportedSponsorship(sponsorshipEndCommand(notification(SponsorChange.SPONSOR_CHANGE_DEREGISTERED)), event);
    expect(endings).toEqual([['SPONSORSHIP', CASE, SponsorChange.SPONSOR_CHANGE_DEREGISTERED, LEIDEN.oin]]);
    expect(audit.appended.flatMap((a) => a.drafts.map((d) => [d.action, d.actorOin, d.subjectPseudonym]))).toEqual([
      ['RELATION_ENDED', LEIDEN.oin, SUBJECT],
    ]);
  });
});
