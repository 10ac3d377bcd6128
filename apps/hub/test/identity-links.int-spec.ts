import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { AUDIT_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT, SUBJECT_LINK_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { BiometricKind, PermitDecision } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import type { EvidenceServiceClient, RequestEvidenceRequest } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import type { SubjectLinkServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/subject_link';
import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  PermitCategory,
  SponsorType,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { TOPICS } from '@welkom/events';
import { eventually } from '@welkom/testing';
import { call, callError, type HubUnderTest, OIN, startHubUnderTest, testBsn } from './hub-test-harness';
import { KafkaProbe } from './kafka-probe';

jest.setTimeout(120_000);

type Party = Parameters<HubUnderTest['client']>[1];

let next = 0;
function passport(): SubjectIdentifier {
  next += 1;
  return { passport: { number: `KE${String(4_000_000 + next)}`, issuingCountry: 'KE' } };
}
function vNumber(): SubjectIdentifier {
  next += 1;
  return { vNumber: `V${String(90_000_000 + next)}` };
}

/** The IND's case for a person, as its case journal publishes it (signed by the IND). */
function caseEvent(pseudonym: string, status: ApplicationStatus, sponsorOin = ''): ApplicationStatusChanged {
  return {
    applicationRef: randomUUID(),
    subject: { pseudonym },
    category: PermitCategory.PERMIT_CATEGORY_STUDENT,
    status,
    citizenship: 'KE',
    sponsorType: sponsorOin === '' ? SponsorType.SPONSOR_TYPE_NONE : SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR,
    sponsor: sponsorOin === '' ? undefined : { oin: sponsorOin, subUnit: '' },
    submittedOn: '2026-09-01',
    decidedOn: '',
    reasonCode: '',
    occurredAt: undefined,
    collectionPoint: '',
    arrival: undefined,
  };
}

const BIOMETRICS_FOR_RESIDENCE_CARD = {
  evidenceType: EvidenceType.EVIDENCE_TYPE_BIOMETRICS_CAPTURED,
  purpose: 'RESIDENCE_CARD_ISSUANCE',
  legalBasis: 'Vw 2000 art. 106a',
};
const DECISION_FOR_MVV = {
  evidenceType: EvidenceType.EVIDENCE_TYPE_RESIDENCE_PERMIT_DECISION,
  purpose: 'MVV_ISSUANCE',
  legalBasis: 'Vw 2000 art. 2a',
};
const DECISION_FOR_SPONSOR = {
  evidenceType: EvidenceType.EVIDENCE_TYPE_RESIDENCE_PERMIT_DECISION,
  purpose: 'SPONSOR_DUTY_OF_CARE',
  legalBasis: 'Vw 2000 art. 2a',
};

function ask(
  subject: SubjectIdentifier,
  what: Pick<RequestEvidenceRequest, 'evidenceType' | 'purpose' | 'legalBasis'>,
): RequestEvidenceRequest {
  return {
    subject,
    ...what,
    explicitRequestByPerson: false,
    subUnit: '',
    responseTimeout: undefined,
    evidenceId: '',
    sourceOin: '',
    question: undefined,
  };
}

describe('identity links and case relations over real mTLS gRPC, PostgreSQL and Kafka (issue 11)', () => {
  let hub: HubUnderTest;
  const kafka = new KafkaProbe();
  const evidence = (party: Party) => hub.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, party);
  const links = (party: Party) => hub.client<SubjectLinkServiceClient>(SUBJECT_LINK_CONTRACT, party);
  const audit = () => hub.client<AuditServiceClient>(AUDIT_CONTRACT, 'operator.anna.devries');
  const accessLog = async (subject: SubjectIdentifier) =>
    (await call(audit().listSubjectAccess({ subject, pageSize: 0, pageToken: '', purpose: '' }))).entries;

  async function notAskedAgainFromVault(type: string): Promise<number> {
    const text = await (await fetch(`${hub.process.httpAddress}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (candidate) =>
          candidate.startsWith('welkom_hub_documents_not_asked_again_total{') &&
          candidate.includes(`evidence_type="${type}"`) &&
          candidate.includes('answered_from="vault"'),
      );
    return line ? Number(line.split(' ').pop()) : 0;
  }

  async function captureBiometrics(subject: SubjectIdentifier): Promise<string> {
    next += 1;
    const issued = await call(
      evidence('consular-nairobi').issueEvidence({
        evidence: {
          subject,
          evidenceType: EvidenceType.EVIDENCE_TYPE_BIOMETRICS_CAPTURED,
          payload: {
            biometricsCaptured: {
              capturedOn: '2026-09-10',
              consularPost: 'nairobi',
              kinds: [BiometricKind.BIOMETRIC_KIND_FACIAL_IMAGE, BiometricKind.BIOMETRIC_KIND_FINGERPRINTS],
            },
          },
          issuedAt: undefined,
          validUntil: undefined,
          sourceReference: `nairobi-biometrics-${next}`,
          subUnit: '',
        },
      }),
    );
    return issued.subject?.pseudonym ?? '';
  }

  async function decide(subject: SubjectIdentifier): Promise<string> {
    next += 1;
    const issued = await call(
      evidence('ind').issueEvidence({
        evidence: {
          subject,
          evidenceType: EvidenceType.EVIDENCE_TYPE_RESIDENCE_PERMIT_DECISION,
          payload: {
            residencePermitDecision: {
              decision: PermitDecision.PERMIT_DECISION_GRANTED,
              purposeOfStay: 'STUDY',
              decidedOn: '2026-10-01',
              permitValidFrom: '2026-10-01',
              permitValidUntil: '2028-08-31',
              labourMarketAccess: '',
              caseReference: '',
            },
          },
          issuedAt: undefined,
          validUntil: undefined,
          sourceReference: `ind-decision-${next}`,
          subUnit: '',
        },
      }),
    );
    return issued.subject?.pseudonym ?? '';
  }

  beforeAll(async () => {
    hub = await startHubUnderTest('identity-links');
    await kafka.watch([TOPICS.evidenceRequested]);
  });

  afterAll(async () => {
    await kafka.stop();
    await hub?.stop();
  });

  it('leak 6: evidence a consular post issued under a passport answers the IND under the V-number it linked, from the vault', async () => {
    const applicantPassport = passport();
    const applicantVNumber = vNumber();
    const pseudonym = await captureBiometrics(applicantPassport);
    await kafka.publishAs(
      'ind',
      TOPICS.applicationStatusChanged,
      caseEvent(pseudonym, ApplicationStatus.APPLICATION_STATUS_MVV_AUTHORISED),
    );
    // Before the link the V-number is a stranger: the IND holds no case for it.
    const stranger = await callError(evidence('ind').requestEvidence(ask(applicantVNumber, BIOMETRICS_FOR_RESIDENCE_CARD)));
    expect(stranger).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'NO_RELATION' });

    const linked = await call(
      links('ind').linkSubjectIdentifiers({ subject: applicantPassport, identifier: applicantVNumber, caseReference: 'ind-case-1' }),
    );
    expect(linked).toMatchObject({ subject: { pseudonym }, alreadyLinked: false });
    const before = await notAskedAgainFromVault('EVIDENCE_TYPE_BIOMETRICS_CAPTURED');
    const requestedBefore = kafka.events(TOPICS.evidenceRequested).length;

    const answer = await eventually(
      async () => (await call(evidence('ind').requestEvidence(ask(applicantVNumber, BIOMETRICS_FOR_RESIDENCE_CARD)))).evidence,
    );

    expect(answer.subject?.pseudonym).toBe(pseudonym);
    expect(answer.issuer?.oin).toBe(OIN.consularNairobi);
    expect(answer.disclosedFields).toEqual(['captured_on', 'consular_post', 'kinds']);
    expect(await notAskedAgainFromVault('EVIDENCE_TYPE_BIOMETRICS_CAPTURED')).toBe(before + 1);
    expect(kafka.events(TOPICS.evidenceRequested).length).toBe(requestedBefore);
    // The link and its use are in the person's audit trail, whichever identifier the operator looks them up by.
    const log = await accessLog(applicantVNumber);
    expect(log.map((entry) => [entry.action, entry.party?.oin])).toEqual(
      expect.arrayContaining([
        ['EVIDENCE_ISSUED', OIN.consularNairobi],
        ['RELATION_ESTABLISHED', OIN.ind],
        ['SUBJECT_IDENTIFIERS_LINKED', OIN.ind],
        ['EVIDENCE_DISCLOSED', OIN.ind],
      ]),
    );
    const viaPassport = await call(audit().listSubjectAccess({ subject: applicantPassport, pageSize: 0, pageToken: '', purpose: '' }));
    expect(viaPassport.subject?.pseudonym).toBe(pseudonym);
    expect(viaPassport.entries).toHaveLength(log.length);
  });

  it('leak 6: a party without the authority cannot link, and a malformed link names its fields', async () => {
    const subject = passport();
    await captureBiometrics(subject);
    const byUniversity = await callError(
      links('university-leiden').linkSubjectIdentifiers({ subject, identifier: vNumber(), caseReference: 'leiden-1' }),
    );
    expect(byUniversity).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'NOT_LINK_AUTHORITY' });
    // The IND is the authority for V-numbers, not for BSNs (the municipal registration desk is).
    const bsnByInd = await callError(
      links('ind').linkSubjectIdentifiers({ subject, identifier: { bsn: testBsn(8_100) }, caseReference: 'c-1' }),
    );
    expect(bsnByInd).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'NOT_LINK_AUTHORITY' });

    const malformed = await callError(
      links('ind').linkSubjectIdentifiers({ subject, identifier: { kvkNumber: '12345678' }, caseReference: '' }),
    );
    expect(malformed.code).toBe(status.INVALID_ARGUMENT);
    expect(malformed.fieldViolations.map((violation) => violation.field).sort()).toEqual(['case_reference', 'identifier']);
    expect((await accessLog(subject)).map((entry) => entry.action)).not.toContain('SUBJECT_IDENTIFIERS_LINKED');
  });

  it('leak 6: linking two known subjects merges them under the one seen first, audited, and an unlink moves everything back', async () => {
    const applicantPassport = passport();
    const applicantVNumber = vNumber();
    const passportPseudonym = await captureBiometrics(applicantPassport);
    const vNumberPseudonym = await decide(applicantVNumber);
    // The post asks for the decision under the passport: nothing about that person yet.
    expect((await call(evidence('consular-nairobi').requestEvidence(ask(applicantPassport, DECISION_FOR_MVV)))).pending).toBeDefined();

    const linked = await call(
      links('ind').linkSubjectIdentifiers({ subject: applicantVNumber, identifier: applicantPassport, caseReference: 'ind-case-2' }),
    );
    expect(linked).toMatchObject({ subject: { pseudonym: passportPseudonym }, merged: { pseudonym: vNumberPseudonym } });
    const decision = await call(evidence('consular-nairobi').requestEvidence(ask(applicantPassport, DECISION_FOR_MVV)));
    expect(decision.evidence?.subject?.pseudonym).toBe(passportPseudonym);
    const merged = await accessLog(applicantVNumber);
    expect(merged.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['EVIDENCE_ISSUED', 'SUBJECT_IDENTIFIERS_LINKED', 'SUBJECT_MERGED', 'EVIDENCE_DISCLOSED']),
    );

    const refused = await callError(links('university-leiden').unlinkSubjectIdentifiers({ identifier: applicantPassport, reason: 'mine' }));
    expect(refused).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'NOT_LINK_AUTHORITY' });
    const unlinked = await call(
      links('ind').unlinkSubjectIdentifiers({ identifier: applicantPassport, reason: 'linked to the wrong case' }),
    );
    expect(unlinked.subject?.pseudonym).toBe(vNumberPseudonym);
    // The decision belongs to the V-number again: asked under the passport, the post waits for a source.
    expect((await call(evidence('consular-nairobi').requestEvidence(ask(applicantPassport, DECISION_FOR_MVV)))).evidence).toBeUndefined();
    expect((await accessLog(applicantPassport)).map((entry) => entry.action)).toContain('SUBJECT_IDENTIFIERS_UNLINKED');
    const notLinked = await callError(links('ind').unlinkSubjectIdentifiers({ identifier: applicantPassport, reason: 'again' }));
    expect(notLinked).toMatchObject({ code: status.NOT_FOUND, reason: 'LINK_NOT_FOUND' });
  });

  it('case holder: the IND is refused NO_RELATION for a person it holds no case for, and answered once it does', async () => {
    const subject = passport();
    const pseudonym = await captureBiometrics(subject);
    const refused = await callError(evidence('ind').requestEvidence(ask(subject, BIOMETRICS_FOR_RESIDENCE_CARD)));
    expect(refused).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'NO_RELATION' });

    await kafka.publishAs('ind', TOPICS.applicationStatusChanged, caseEvent(pseudonym, ApplicationStatus.APPLICATION_STATUS_SUBMITTED));
    const answer = await eventually(
      async () => (await call(evidence('ind').requestEvidence(ask(subject, BIOMETRICS_FOR_RESIDENCE_CARD)))).evidence,
    );
    expect(answer.subject?.pseudonym).toBe(pseudonym);
    const log = await accessLog(subject);
    expect(log.find((entry) => entry.action === 'EVIDENCE_REQUEST_REFUSED')).toMatchObject({ refusalReason: 'NO_RELATION' });
    expect(log.map((entry) => entry.action)).toContain('RELATION_ESTABLISHED');
  });

  it('ending a sponsorship: once the case is withdrawn the former sponsor is refused, and the end is audited', async () => {
    const subject = passport();
    const pseudonym = await decide(subject);
    const filed = caseEvent(pseudonym, ApplicationStatus.APPLICATION_STATUS_SUBMITTED, OIN.leiden);
    await kafka.publishAs('ind', TOPICS.applicationStatusChanged, filed);
    await eventually(async () => (await call(evidence('university-leiden').requestEvidence(ask(subject, DECISION_FOR_SPONSOR)))).evidence);

    await kafka.publishAs('ind', TOPICS.applicationStatusChanged, {
      ...filed,
      status: ApplicationStatus.APPLICATION_STATUS_WITHDRAWN,
      decidedOn: '2026-09-20',
      reasonCode: 'WITHDRAWN_BY_APPLICANT',
    });
    const refused = await eventually(async () => {
      const error = await callError(evidence('university-leiden').requestEvidence(ask(subject, DECISION_FOR_SPONSOR))).catch(
        () => undefined,
      );
      return error?.reason === 'NO_RELATION' ? error : undefined;
    });
    expect(refused.code).toBe(status.PERMISSION_DENIED);
    const ended = (await accessLog(subject)).find((entry) => entry.action === 'RELATION_ENDED');
    expect(ended?.party?.oin).toBe(OIN.ind);
  });

  it('ending a sponsorship: a sponsor reporting the deregistration after the permit ends its own sponsorship only', async () => {
    const subject = passport();
    const pseudonym = await decide(subject);
    const issued = caseEvent(pseudonym, ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED, OIN.leiden);
    await kafka.publishAs('ind', TOPICS.applicationStatusChanged, issued);
    await eventually(async () => (await call(evidence('university-leiden').requestEvidence(ask(subject, DECISION_FOR_SPONSOR)))).evidence);
    const report = (change: SponsorChange) => ({
      notificationId: randomUUID(),
      applicationRef: issued.applicationRef,
      subject: { pseudonym },
      change,
      factDate: '2027-02-01',
      reportedOn: '2027-02-03',
      revokedEvidence: [],
      sponsorReference: '',
    });
    // Delft cannot end Leiden's sponsorship, and a report of slow progress ends nothing.
    await kafka.publishAs('university-delft', TOPICS.sponsorNotification, report(SponsorChange.SPONSOR_CHANGE_DEREGISTERED));
    await kafka.publishAs(
      'university-leiden',
      TOPICS.sponsorNotification,
      report(SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await call(evidence('university-leiden').requestEvidence(ask(subject, DECISION_FOR_SPONSOR)))).evidence).toBeDefined();

    await kafka.publishAs('university-leiden', TOPICS.sponsorNotification, report(SponsorChange.SPONSOR_CHANGE_DEREGISTERED));
    const refused = await eventually(async () => {
      const error = await callError(evidence('university-leiden').requestEvidence(ask(subject, DECISION_FOR_SPONSOR))).catch(
        () => undefined,
      );
      return error?.reason === 'NO_RELATION' ? error : undefined;
    });
    expect(refused.code).toBe(status.PERMISSION_DENIED);
    const ended = (await accessLog(subject)).filter((entry) => entry.action === 'RELATION_ENDED');
    expect(ended.map((entry) => entry.party?.oin)).toEqual([OIN.leiden]);
  });
});
