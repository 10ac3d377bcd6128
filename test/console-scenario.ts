import { randomBytes } from 'node:crypto';
import { firstValueFrom, type Observable } from 'rxjs';
import { APPLICATION_INTAKE_CONTRACT, CONSULAR_POST_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import type { ConsularPostServiceClient } from '@welkom/contracts/generated/welkom/consular/v1/consular_post';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { ApplicationIntakeServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { InternationalOfficeServiceClient } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { TOPICS } from '@welkom/events';
import { createKafkaClient, createReliableProducer } from '@welkom/messaging';
import { eventually, type ServiceRun, type ServiceUnderTest, testKafka } from '@welkom/testing';
import { leidenResearcherProof, leidenStudentFiling, leidenStudentProofs } from '../apps/ind/test/leiden-student';

const S = ApplicationStatus;

/** The running services the scenario drives, as `npm start` runs them (every one of deploy/services.ts). */
export interface ConsoleScenarioTarget {
  readonly run: ServiceRun;
  readonly services: ReadonlyMap<string, ServiceUnderTest>;
}

/** What the scenario put in, for the spec to find again on the console. */
export interface ConsoleScenario {
  readonly tag: string;
  /** Applications filed through Leiden's international office. */
  readonly filed: number;
  /** Decided through to the permit (students and researchers, the late proof among them). */
  readonly permitsIssued: number;
  /** Still waiting for a proof that never came: an open case on the deadline clocks. */
  readonly waiting: number;
  /** The MVV student's case, offered a slot at Nairobi. */
  readonly mvvApplicationRef: string;
  /** The key of the poison record put on the IND status topic. */
  readonly poisonKey: string;
}

const call = <T>(observable: Observable<T>): Promise<T> => firstValueFrom(observable);

/**
 * The one way the console spec puts data in: a few students and researchers through Leiden's international office
 * (proofs pushed first, and one late proof that arrives after the filing), a researcher whose proof never comes, a
 * Kenyan student through the MVV leg to a slot at Nairobi, and a poison record on the IND's status topic that every
 * consumer parks on its dead-letter topic. Everything through the services' own interfaces on the shipped
 * configuration; only the poison is planted with the harness's broker identity, as a broken producer would.
 */
export async function seedConsoleScenario(target: ConsoleScenarioTarget): Promise<ConsoleScenario> {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const address = (name: string): string => {
    const service = target.services.get(name);
    if (!service) throw new Error(`the console scenario needs the ${name} service running`);
    return service.grpcAddress;
  };
  const office = target.run.client<InternationalOfficeServiceClient>(
    INTERNATIONAL_OFFICE_CONTRACT,
    address('university'),
    'university-leiden',
  );
  const ind = target.run.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, address('ind'), 'ind');
  const posts = (party: string) => target.run.client<ConsularPostServiceClient>(CONSULAR_POST_CONTRACT, address('consular'), party);

  const person = (n: number, country = 'US'): SubjectIdentifier => ({ passport: { number: `CO${tag}${n}`, issuingCountry: country } });
  const reference = (n: number): string => `CONSOLE-${tag}-${n}`;
  const caseAt = async (n: number, status: ApplicationStatus): Promise<string> => {
    const indRef = await eventually(async () => {
      const { application } = await call(office.getApplication({ applicationReference: reference(n) }));
      return application?.indApplicationRef || undefined;
    }, 90_000);
    await eventually(async () => {
      const { application } = await call(ind.getApplication({ applicationRef: indRef }));
      return application?.status === status ? true : undefined;
    }, 120_000);
    return indRef;
  };

  const students = [1, 2, 3];
  const researchers = [4, 5];
  const lateProof = 6;
  const neverProved = 7;
  const mvvStudent = 8;

  // Proofs first, then the filings: the IND finds the evidence at the hub and decides at once.
  await call(
    office.pushEvidenceBatch({
      items: [
        ...students.flatMap((n) => leidenStudentProofs(reference(n), person(n))),
        ...researchers.map((n) => leidenResearcherProof(reference(n), person(n))),
        ...leidenStudentProofs(reference(mvvStudent), person(mvvStudent, 'KE')),
      ],
    }),
  );
  for (const n of students) await call(office.fileApplication(leidenStudentFiling(reference(n), person(n))));
  for (const n of researchers) {
    await call(
      office.fileApplication({ ...leidenStudentFiling(reference(n), person(n)), category: PermitCategory.PERMIT_CATEGORY_RESEARCHER }),
    );
  }
  await call(office.fileApplication({ ...leidenStudentFiling(reference(mvvStudent), person(mvvStudent, 'KE')), citizenship: 'KE' }));
  // The late proof: filed before the office pushed anything, so the case waits until the proofs arrive.
  await call(office.fileApplication(leidenStudentFiling(reference(lateProof), person(lateProof))));
  await call(
    office.fileApplication({
      ...leidenStudentFiling(reference(neverProved), person(neverProved)),
      category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
    }),
  );
  await caseAt(lateProof, S.APPLICATION_STATUS_EVIDENCE_PENDING);
  await call(office.pushEvidenceBatch({ items: leidenStudentProofs(reference(lateProof), person(lateProof)) }));

  const decided = [...students, ...researchers, lateProof];
  await Promise.all(decided.map((n) => caseAt(n, S.APPLICATION_STATUS_PERMIT_ISSUED)));
  await caseAt(neverProved, S.APPLICATION_STATUS_EVIDENCE_PENDING);

  // The Kenyan student needs an MVV: the consular service opens the leg, the student asks Nairobi for a slot and books it.
  const mvvApplicationRef = await caseAt(mvvStudent, S.APPLICATION_STATUS_MVV_AUTHORISED);
  await eventually(
    async () => ((await call(posts('consular').getMvvCase({ applicationRef: mvvApplicationRef }))).mvvCase ? true : undefined),
    60_000,
  );
  const offered = (
    await call(posts('consular').offerSlot({ applicationRef: mvvApplicationRef, chosenPost: 'nairobi', residenceCountry: 'KE' }))
  ).mvvCase;
  await call(posts(`consular.${offered?.post ?? 'nairobi'}`).bookAppointment({ applicationRef: mvvApplicationRef }));

  // The poison: bytes that are no signed envelope, on a topic five services consume.
  const poisonKey = `console-poison-${tag}`;
  const kafka = createKafkaClient({ clientId: `console-scenario-${tag}`, ...testKafka(target.run.infrastructure) });
  const producer = createReliableProducer(kafka);
  await producer.connect();
  try {
    await producer.send({ topic: TOPICS.applicationStatusChanged.name, acks: -1, messages: [{ key: poisonKey, value: randomBytes(48) }] });
  } finally {
    await producer.disconnect();
  }

  return { tag, filed: decided.length + 2, permitsIssued: decided.length, waiting: 1, mvvApplicationRef, poisonKey };
}
