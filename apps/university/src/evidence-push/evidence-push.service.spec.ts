import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PushOutcome, type EvidenceItem } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { CompletionKind, StudyLevel } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { ClockRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import { UniversityError } from '../university.errors';
import { pushBatchCommand, pushItemCommand } from './evidence-push.command';
import { batchResponse, singleResult } from './evidence-push.mapper';
import { EvidencePushService } from './evidence-push.service';
import type { PushedEvidenceRecord } from './pushed-evidence';
import type { PushedEvidenceRepository } from './pushed-evidence.repository';

function tuition(reference: string): EvidenceItem {
  return {
    itemReference: reference,
    subject: { passport: { number: 'X1', issuingCountry: 'KE' } },
    tuitionPaymentStatus: { academicYear: '2026-2027', payment: 'TUITION_PAYMENT_PAID_IN_FULL' as never, paidUntilDate: '2027-08-31' },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

function serviceWith(issue: (evidence: IssuedEvidence) => ReturnType<HubEvidenceRepository['issue']>) {
  const recorded: PushedEvidenceRecord[] = [];
  const hub = strictFake<HubEvidenceRepository>('HubEvidenceRepository', { issue });
  const pushed = strictFake<PushedEvidenceRepository>('PushedEvidenceRepository', {
    record: async (evidence: PushedEvidenceRecord) => {
      recorded.push(evidence);
    },
  });
  const clock = strictFake<ClockRepository>('ClockRepository', { now: () => new Date('2026-08-01T09:00:00Z') });
  return { service: new EvidencePushService(hub, pushed, clock, { PUSH_CONCURRENCY: 4 }), recorded };
}

const accepted = (reference: string, alreadyIssued = false) => ({
  ok: true as const,
  value: {
    reference: {
      evidenceId: `id-${reference}`,
      evidenceType: EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
      contentSha256: 'c'.repeat(64),
      contentCommitment: 'd'.repeat(64),
      schemaVersion: 1,
    },
    subject: { pseudonym: 'subj_x' },
    verifiedAt: undefined,
    validUntil: undefined,
    alreadyIssued,
    completedRequests: 0,
  },
});

describe('pushing facts into the hub', () => {
  it('answers every item of a batch on its own, in order: applied, already there, refused by the hub, hub unreachable', async () => {
    const { service, recorded } = serviceWith(async (evidence) => {
      switch (evidence.sourceReference) {
        case 'new':
          return accepted('new');
        case 'again':
          return accepted('again', true);
        case 'conflict':
          return {
            ok: false,
            rejection: {
              code: 'ALREADY_EXISTS',
              reason: 'SOURCE_REFERENCE_CONFLICT',
              message: 'issued before',
              fieldViolations: [{ field: 'evidence.source_reference', description: 'was issued before' }],
            },
          };
        default:
          throw new UniversityError('HUB_UNAVAILABLE', 'connection refused');
      }
    });
    const response = batchResponse(
      await service.push(pushBatchCommand([tuition('new'), tuition('again'), tuition('conflict'), tuition('down')])),
    );
    expect(response.results.map((result) => [result.itemReference, result.outcome, result.rejectionReason, result.retryable])).toEqual([
      ['new', PushOutcome.PUSH_OUTCOME_ACCEPTED, '', false],
      ['again', PushOutcome.PUSH_OUTCOME_ALREADY_ACCEPTED, '', false],
      ['conflict', PushOutcome.PUSH_OUTCOME_REJECTED, 'SOURCE_REFERENCE_CONFLICT', false],
      ['down', PushOutcome.PUSH_OUTCOME_REJECTED, 'HUB_UNAVAILABLE', true],
    ]);
    expect(response.results[2].fieldViolations).toEqual([{ field: 'source_reference', description: 'was issued before' }]);
    expect([response.accepted, response.rejected]).toEqual([2, 2]);
    expect(recorded.map((row) => row.itemReference).sort()).toEqual(['again', 'new']);
  });

  it('does not call the hub for an item that is not even well-formed', async () => {
    const { service } = serviceWith(async () => {
      throw new Error('the hub must not be called');
    });
    const [outcome] = await service.push([pushItemCommand({ ...tuition('bad ref'), enrolmentProof: { institutionName: 'x' } as never })]);
    expect(outcome.result.fieldViolations.map((violation) => violation.field)).toEqual(['item_reference', 'fact']);
  });

  it('answers a single rejected push with the hub status and reason as an error', async () => {
    const { service } = serviceWith(async () => ({
      ok: false,
      rejection: { code: 'PERMISSION_DENIED', reason: 'NOT_RECOGNISED_SPONSOR', message: 'not a recognised sponsor', fieldViolations: [] },
    }));
    const outcomes = await service.push([pushItemCommand(tuition('x'))]);
    expect(() => singleResult(outcomes)).toThrow(
      expect.objectContaining({ code: 'PERMISSION_DENIED', reason: 'NOT_RECOGNISED_SPONSOR' }) as Error,
    );
  });

  it('pushes a degree awarded as DEGREE_AWARDED evidence with its completion facts', async () => {
    const issued: IssuedEvidence[] = [];
    const { service } = serviceWith(async (evidence) => {
      issued.push(evidence);
      return accepted(evidence.sourceReference);
    });
    const degreeAwarded = {
      institutionName: 'Universiteit Leiden',
      institutionBrin: '21PB',
      programmeName: 'MSc Physics',
      programmeCode: '66956',
      studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
      completionKind: CompletionKind.COMPLETION_KIND_DUTCH_MASTER,
      completedOn: '2026-07-15',
      programmeMonths: 24,
    };
    const { tuitionPaymentStatus: _tuition, ...item } = tuition('diploma-2026-0042');
    await service.push([pushItemCommand({ ...item, degreeAwarded })]);
    expect(issued).toEqual([
      expect.objectContaining({
        evidenceType: EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED,
        payload: { degreeAwarded },
        sourceReference: 'diploma-2026-0042',
      }),
    ]);
  });

  it('refuses an item holding a degree and another fact', () => {
    const command = pushItemCommand({ ...tuition('both'), degreeAwarded: { institutionName: 'x' } as never });
    expect(command.valid ? [] : command.violations.map((violation) => violation.field)).toEqual(['fact']);
  });

  it('refuses an empty batch and one over a thousand items', () => {
    expect(() => pushBatchCommand([])).toThrow(UniversityError);
    expect(() => pushBatchCommand(Array.from({ length: 1001 }, (_, i) => tuition(`t${i}`)))).toThrow(UniversityError);
  });
});
