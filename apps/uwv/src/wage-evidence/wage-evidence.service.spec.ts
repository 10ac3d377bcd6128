import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { OpenEvidenceRequest } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import type { ClockRepository } from '@welkom/platform';
import { bundledSalaryThresholdReference } from '@welkom/reference-data';
import { strictFake } from '@welkom/testing/strict-fake';
import type { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import type { StoredWageDeclaration, WageDeclarationRepository } from '../wage-declarations/wage-declaration.repository';
import type { IssuedWageFact } from './wage-evidence';
import type { WageEvidenceRepository } from './wage-evidence.repository';
import { WageEvidenceService } from './wage-evidence.service';

const SPONSOR = '00000003612345670000';
const OTHER_EMPLOYER = '00000003645678900000';
const EMPLOYEE = 'passport:US:KM0000001';

function declaration(employerOin: string, periodStart: string, euros: number): StoredWageDeclaration {
  return {
    employerOin,
    declarationReference: `${employerOin}-${periodStart}`,
    employeeKey: EMPLOYEE,
    periodStart,
    grossMonthlySalaryCents: euros * 100,
    employmentEndedOn: null,
    importedAt: new Date('2026-11-01T00:00:00Z'),
  };
}

/** The sponsor pays € 5,000 (below the € 5,942 of 2026); another employer declared € 9,000 later. */
const DECLARATIONS = [declaration(SPONSOR, '2026-01-01', 5000), declaration(OTHER_EMPLOYER, '2026-06-01', 9000)];

function openRequest(employerOin: string): OpenEvidenceRequest {
  return {
    requestId: 'request-1',
    evidenceType: EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD,
    subject: { pseudonym: 'subj_x' },
    subjectIdentifier: { passport: { number: 'KM0000001', issuingCountry: 'US' } },
    requester: { oin: '00000001812345670000', subUnit: '' },
    purpose: 'ADMISSION_HIGHLY_SKILLED_MIGRANT',
    deadline: undefined,
    question: { criterion: 'HSM_30_AND_OVER', referenceDate: '2026-03-01', tableVersion: 'salary-thresholds.v1', employerOin },
  };
}

/** Runs one answering round on one open request; returns what UWV issued to the hub and recorded. */
async function answerRound(request: OpenEvidenceRequest): Promise<{ issued: IssuedEvidence[]; recorded: IssuedWageFact[] }> {
  const issued: IssuedEvidence[] = [];
  const recorded: IssuedWageFact[] = [];
  const service = new WageEvidenceService(
    strictFake<HubEvidenceRepository>('hub', {
      openRequests: () => Promise.resolve([request]),
      issue: (evidence: IssuedEvidence) => {
        issued.push(evidence);
        return Promise.resolve({
          ok: true as const,
          value: {
            reference: undefined,
            subject: undefined,
            verifiedAt: undefined,
            validUntil: undefined,
            alreadyIssued: false,
            completedRequests: 0,
          },
        });
      },
    }),
    strictFake<WageDeclarationRepository>('declarations', {
      ofEmployee: (employeeKey: string, employerOin: string | null = null) =>
        Promise.resolve(
          DECLARATIONS.filter((d) => d.employeeKey === employeeKey && (employerOin === null || d.employerOin === employerOin)),
        ),
    }),
    strictFake<WageEvidenceRepository>('facts', {
      recordOnce: (fact: IssuedWageFact) => {
        recorded.push(fact);
        return Promise.resolve();
      },
    }),
    strictFake<ClockRepository>('clock', { today: () => '2026-12-06', now: () => new Date('2026-12-06T09:00:00Z') }),
    bundledSalaryThresholdReference(),
  );
  await service.answerOpenRequests();
  return { issued, recorded };
}

describe('UWV answers the wage question on the declarations of the employer the question names', () => {
  it('the sponsor’s own wage decides, not a higher one another employer declared later', async () => {
    const { issued, recorded } = await answerRound(openRequest(SPONSOR));
    expect(issued.map((evidence) => evidence.payload?.wageMeetsThreshold?.meetsThreshold)).toEqual([false]);
    // Kept with the employer, so the revocation sweep reads the same payroll.
    expect(recorded.map((fact) => fact.employerOin)).toEqual([SPONSOR]);
  });

  it('a question naming no employer is answered on the newest declaration of any employer', async () => {
    const { issued, recorded } = await answerRound(openRequest(''));
    expect(issued.map((evidence) => evidence.payload?.wageMeetsThreshold?.meetsThreshold)).toEqual([true]);
    expect(recorded.map((fact) => fact.employerOin)).toEqual([null]);
  });

  it('leaves the request open while the named employer has declared nothing', async () => {
    const { issued } = await answerRound(openRequest('00000003623456780000'));
    expect(issued).toEqual([]);
  });
});
