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
import { IND, LEIDEN, NOW, recordingAudit, SUBJECT, TX } from '../testing/hub-fixtures';
import { recordSponsorshipCommand } from './sponsorship.command';
import { SponsorshipService } from './sponsorship.service';
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

describe('recordSponsorshipCommand', () => {
  it('reads who filed for whom from an IND status event', () => {
    expect(recordSponsorshipCommand(statusEvent())).toEqual({ sponsorOin: LEIDEN.oin, subjectPseudonym: SUBJECT, applicationRef: CASE });
  });

  it.each([
    ['no subject (refused before the IND looked the person up)', { subject: { pseudonym: '' } }],
    ['no sponsor (the applicant filed through her own channel)', { sponsor: undefined }],
  ])('states no sponsorship for an event with %s', (_label, overrides) => {
    expect(recordSponsorshipCommand(statusEvent(overrides))).toBeNull();
  });

  it('refuses a malformed event with every field violation (it goes to the dead-letter topic)', () => {
    const malformed = statusEvent({ applicationRef: 'case-1', subject: { pseudonym: 'P1234567' }, sponsor: { oin: '12', subUnit: '' } });
    let thrown: unknown;
    try {
      recordSponsorshipCommand(malformed);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const fields = (thrown as { fieldViolations: { field: string }[] }).fieldViolations.map((violation) => violation.field);
    expect(fields.sort()).toEqual(['application_ref', 'sponsor', 'subject']);
  });
});

describe('SponsorshipService', () => {
  function build(options: { claimed?: boolean; isNew?: boolean } = {}) {
    const audit = recordingAudit();
    const recorded: SubjectRelationRecord[] = [];
    const service = new SponsorshipService(
      strictFake<SubjectRelationRepository>('SubjectRelationRepository', {
        record: async (_tx, relation) => {
          recorded.push(relation);
          return options.isNew ?? true;
        },
      }),
      strictFake<AuditTrailRepository>('AuditTrailRepository', { append: audit.append }),
      strictFake<EventInbox>('EventInbox', { claim: async () => options.claimed ?? true }),
      strictFake<TransactionRepository>('TransactionRepository', { run: async (work) => work(TX) }),
      strictFake<ClockRepository>('ClockRepository', { now: () => NOW }),
      strictFake<IdRepository>('IdRepository', { newId: () => RELATION_ID }),
    );
    return { service, audit, recorded };
  }

  it('records the sponsorship as established by the IND that signed the event, with an audit entry', async () => {
    const { service, audit, recorded } = build();
    await service.record(recordSponsorshipCommand(statusEvent()), received(statusEvent()));
    expect(recorded).toEqual([
      expect.objectContaining({
        kind: 'SPONSORSHIP',
        partyOin: LEIDEN.oin,
        subjectPseudonym: SUBJECT,
        caseReference: CASE,
        establishedBy: IND.oin,
      }),
    ]);
    expect(audit.appended.flatMap((a) => a.drafts.map((d) => [d.action, d.actorOin, d.subjectPseudonym]))).toEqual([
      ['RELATION_ESTABLISHED', IND.oin, SUBJECT],
    ]);
  });

  it('records nothing twice: not a redelivered event, and no second audit entry for a known relation', async () => {
    const redelivered = build({ claimed: false });
    await redelivered.service.record(recordSponsorshipCommand(statusEvent()), received(statusEvent()));
    expect(redelivered.recorded).toEqual([]);

    const known = build({ isNew: false });
    await known.service.record(recordSponsorshipCommand(statusEvent()), received(statusEvent()));
    expect(known.audit.appended).toEqual([]);
  });
});
