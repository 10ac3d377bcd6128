import { Client } from 'pg';
import { status } from '@grpc/grpc-js';
import { AUDIT_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT, GRANT_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { EnrolmentStatus, StudyLevel } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import type { EvidenceServiceClient, RequestEvidenceRequest } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { type Grant, type GrantServiceClient, SubjectRelation } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { eventually } from '@welkom/testing';
import { call, callError, type HubUnderTest, OIN, OPERATOR, type PartyKey, startHubUnderTest, testBsn } from './hub-test-harness';

jest.setTimeout(120_000);

/** Issue 12's done-when, over real mTLS: operators are people with certificates, grants are made four-eyes. */
describe('accountable operators', () => {
  let hub: HubUnderTest;
  let db: Client;
  const grants = (key: PartyKey) => hub.client<GrantServiceClient>(GRANT_CONTRACT, key);
  const evidence = (key: PartyKey) => hub.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, key);
  const audit = (key: PartyKey) => hub.client<AuditServiceClient>(AUDIT_CONTRACT, key);

  let nextSeed = 9_100;
  const newSubject = (): SubjectIdentifier => ({ bsn: testBsn((nextSeed += 1)) });

  /** A grant RVO does not hold from the shipped seed: enrolment proof for start-up orientation. */
  const proposal = (purpose: string): Grant => ({
    grantId: '',
    requesterOin: OIN.rvo,
    requesterSubUnit: '',
    evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
    purpose,
    legalBasis: 'Vw 2000 art. 24a',
    allowedFields: ['enrolment_status'],
    validFrom: undefined,
    validTo: { seconds: String(Math.floor(Date.now() / 1000) + 3600), nanos: 0 },
    requiresExplicitRequest: false,
    createdAt: undefined,
    endedAt: undefined,
    endReason: '',
    requiredRelation: SubjectRelation.SUBJECT_RELATION_UNSPECIFIED,
    proposedBy: '',
    approvedAt: undefined,
    approvedBy: '',
  });

  const rvoAsks = (subject: SubjectIdentifier, purpose: string): RequestEvidenceRequest => ({
    subject,
    evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
    purpose,
    legalBasis: 'Vw 2000 art. 24a',
    explicitRequestByPerson: false,
    subUnit: '',
    responseTimeout: undefined,
    evidenceId: '',
    sourceOin: '',
    question: undefined,
  });

  async function enrolled(subject: SubjectIdentifier): Promise<void> {
    await call(
      evidence('university-leiden').issueEvidence({
        evidence: {
          subject,
          evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
          payload: {
            enrolmentProof: {
              institutionName: 'Universiteit Leiden',
              institutionBrin: '21PB',
              programmeName: 'MSc Computer Science',
              programmeCode: '60300',
              studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
              enrolmentStatus: EnrolmentStatus.ENROLMENT_STATUS_ENROLLED,
              academicYear: '2026-2027',
              startDate: '2026-09-01',
              expectedEndDate: '2028-08-31',
              fullTime: true,
            },
          },
          issuedAt: undefined,
          validUntil: undefined,
          sourceReference: `operators-spec-${nextSeed}`,
          subUnit: '',
        },
      }),
    );
  }

  async function grantAudit(grantId: string): Promise<{ action: string; actor_oin: string; actor_operator: string | null }[]> {
    const { rows } = await db.query<{ action: string; actor_oin: string; actor_operator: string | null }>(
      "SELECT action, actor_oin, actor_operator FROM audit_entry WHERE grant_id = $1 AND action LIKE 'GRANT\\_%' ORDER BY sequence",
      [grantId],
    );
    return rows;
  }

  beforeAll(async () => {
    // Checkpoints every 200 ms, so an incremental verification has a signed checkpoint to start from.
    hub = await startHubUnderTest('operators', { AUDIT_CHECKPOINT_INTERVAL_MS: '200' });
    db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  it('puts in force a grant proposed by one operator and approved by a second, both audited by name', async () => {
    const subject = newSubject();
    await enrolled(subject);
    const proposed = (await call(grants(OPERATOR.anna).createGrant({ grant: proposal('START_UP_ORIENTATION') }))).grant;
    expect(proposed).toMatchObject({ proposedBy: 'anna.devries', approvedBy: '', approvedAt: null });
    const grantId = proposed?.grantId ?? '';
    // Proposed is not in force: RVO neither holds it nor gets evidence by it.
    expect((await call(grants('rvo').listMyGrants({}))).grants.map((grant) => grant.grantId)).not.toContain(grantId);
    expect(await callError(evidence('rvo').requestEvidence(rvoAsks(subject, 'START_UP_ORIENTATION')))).toMatchObject({
      code: status.PERMISSION_DENIED,
      reason: 'NO_GRANT',
    });

    const approved = (await call(grants(OPERATOR.bram).approveGrant({ grantId }))).grant;

    expect(approved).toMatchObject({ proposedBy: 'anna.devries', approvedBy: 'bram.jansen' });
    expect(Number(approved?.approvedAt?.seconds)).toBeGreaterThan(0);
    expect((await call(grants('rvo').listMyGrants({}))).grants.map((grant) => grant.grantId)).toContain(grantId);
    const answer = await call(evidence('rvo').requestEvidence(rvoAsks(subject, 'START_UP_ORIENTATION')));
    expect(answer.evidence?.disclosedFields).toEqual(['enrolment_status']);
    expect(await grantAudit(grantId)).toEqual([
      { action: 'GRANT_PROPOSED', actor_oin: OIN.hub, actor_operator: 'anna.devries' },
      { action: 'GRANT_APPROVED', actor_oin: OIN.hub, actor_operator: 'bram.jansen' },
    ]);
  });

  it('lets no single operator make a grant active alone', async () => {
    const subject = newSubject();
    await enrolled(subject);
    const grantId = (await call(grants(OPERATOR.anna).createGrant({ grant: proposal('START_UP_FACILITATION') }))).grant?.grantId ?? '';

    expect(await callError(grants(OPERATOR.anna).approveGrant({ grantId }))).toMatchObject({
      code: status.PERMISSION_DENIED,
      reason: 'FOUR_EYES_REQUIRED',
    });

    const listed = (await call(grants(OPERATOR.bram).listGrants({ evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF }))).grants;
    expect(listed.find((grant) => grant.grantId === grantId)).toMatchObject({ approvedBy: '', approvedAt: null });
    // Refused as if the proposal did not exist: no grant at all, or only RVO's grants for other purposes.
    const refusal = await callError(evidence('rvo').requestEvidence(rvoAsks(subject, 'START_UP_FACILITATION')));
    expect(refusal.code).toBe(status.PERMISSION_DENIED);
    expect(['NO_GRANT', 'PURPOSE_NOT_GRANTED']).toContain(refusal.reason);
    expect(await grantAudit(grantId)).toEqual([{ action: 'GRANT_PROPOSED', actor_oin: OIN.hub, actor_operator: 'anna.devries' }]);
  });

  it('refuses a party certificate, the hub its own included, where an operator in person must call', async () => {
    for (const party of ['hub', 'ind'] as const) {
      const refusals = [
        await callError(grants(party).createGrant({ grant: proposal('START_UP_ORIENTATION') })),
        await callError(grants(party).approveGrant({ grantId: '6a1f0c2e-0001-4000-8000-000000000001' })),
        await callError(audit(party).listSubjectAccess({ subject: { bsn: testBsn(1) }, pageSize: 10, pageToken: '', purpose: '' })),
      ];
      for (const refusal of refusals) {
        expect([party, refusal.code, refusal.reason]).toEqual([party, status.PERMISSION_DENIED, 'OPERATOR_CERTIFICATE_REQUIRED']);
      }
    }
  });

  it("refuses an operator's personal certificate where a party must call, although it carries the hub's OIN", async () => {
    const refusal = await callError(evidence(OPERATOR.anna).requestEvidence(rvoAsks(newSubject(), 'START_UP_ORIENTATION')));
    expect(refusal).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'PARTY_CERTIFICATE_REQUIRED' });
  });

  it('keeps the shipped grants as configuration: in force, audited as loaded from the seed file, by no operator', async () => {
    const { rows } = await db.query<{ reason: string; actor_operator: string | null; approved: boolean }>(
      `SELECT a.reason, a.actor_operator, g.approved_at IS NOT NULL AS approved
         FROM audit_entry a JOIN evidence_grant g ON g.id = a.grant_id WHERE a.action = 'GRANT_CREATED'`,
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(new Set(rows.map((row) => JSON.stringify(row)))).toEqual(
      new Set([JSON.stringify({ reason: 'loaded from the grant seed file dev-grants.v1.json', actor_operator: null, approved: true })]),
    );
  });

  it('verifies incrementally from the last signed checkpoint a full verification found intact', async () => {
    const full = await eventually(async () => {
      const verdict = await call(audit(OPERATOR.anna).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));
      return verdict.checkpointSequence === verdict.headSequence ? verdict : undefined;
    }, 30_000);
    expect(full).toMatchObject({ intact: true, verifiedEntries: full.headSequence });
    // More history after the checkpoint: two audited reads of a person's log.
    for (let read = 0; read < 2; read += 1) {
      await call(audit(OPERATOR.bram).listSubjectAccess({ subject: newSubject(), pageSize: 0, pageToken: '', purpose: '' }));
    }

    const incremental = await call(audit(OPERATOR.bram).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: true }));

    expect(incremental).toMatchObject({ intact: true, lastVerifiedSequence: incremental.headSequence });
    // Anchored at the checkpoint the full run verified: only what came after it is hashed again.
    expect(Number(incremental.verifiedEntries)).toBe(Number(incremental.headSequence) - Number(full.checkpointSequence));
    expect(Number(incremental.verifiedEntries)).toBeGreaterThanOrEqual(2);
  });
});
