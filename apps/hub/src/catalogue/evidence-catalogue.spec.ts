import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import {
  CompletionKind,
  DegreeAwarded,
  EnrolmentProof,
  EnrolmentStatus,
  StudyLevel,
} from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import { DEFAULT_EVIDENCE_CATALOGUE_FILE } from '../hub.config';
import { readEvidenceCatalogue } from './evidence-catalogue';
import { PAYLOAD_BINDINGS } from './evidence-payload.bindings';
import { checkPayload, disclosePayload, MAX_PAYLOAD_BYTES, sha256Hex } from './evidence-payload';

const catalogue = readEvidenceCatalogue(DEFAULT_EVIDENCE_CATALOGUE_FILE);
const enrolment = catalogue.find(EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF)!;

const PROOF: EnrolmentProof = {
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
};

function copyCatalogueWith(change: (file: { evidenceTypes: Record<string, unknown>[] }) => void): string {
  const file = JSON.parse(readFileSync(DEFAULT_EVIDENCE_CATALOGUE_FILE, 'utf8')) as { evidenceTypes: Record<string, unknown>[] };
  change(file);
  const path = join(mkdtempSync(join(tmpdir(), 'catalogue-')), 'catalogue.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

describe('the evidence catalogue in deploy/hub', () => {
  it('holds every evidence type of the contract, each with a source', () => {
    const types = catalogue.all().map((entry) => entry.type);
    expect([...types].sort()).toEqual(Object.keys(PAYLOAD_BINDINGS).sort());
    expect(catalogue.find(EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD)?.sourceRoles).toEqual([PartyRole.PARTY_ROLE_UWV]);
    expect(enrolment.requiresRecognisedSponsor).toBe(true);
  });

  it('never lets the wage evidence carry a salary: its message has no amount field at all', () => {
    const fields = catalogue.find(EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD)!.fields.map((f) => f.protoName);
    expect(fields).toEqual(['meets_threshold', 'category', 'threshold_reference_date', 'threshold_table_version']);
  });

  it('does not know the unspecified type or a number outside the enum', () => {
    expect(catalogue.find(EvidenceType.EVIDENCE_TYPE_UNSPECIFIED)).toBeUndefined();
    expect(catalogue.find(999)).toBeUndefined();
  });

  it('refuses at start a catalogue that names a field the payload message does not have', () => {
    const path = copyCatalogueWith((file) => {
      file.evidenceTypes[0].shareableFields = ['institution_name', 'salary'];
    });
    expect(() => readEvidenceCatalogue(path)).toThrow(/EnrolmentProof has no field salary/);
  });

  it('refuses at start a catalogue that binds a type to another message', () => {
    const path = copyCatalogueWith((file) => {
      file.evidenceTypes[0].payloadMessage = 'welkom.evidence.v1.MvvIssued';
    });
    expect(() => readEvidenceCatalogue(path)).toThrow(/binds welkom.evidence.v1.EnrolmentProof/);
  });
});

describe('checkPayload', () => {
  it('encodes the facts canonically: the same facts give the same bytes and hash', () => {
    const first = checkPayload(enrolment, { enrolmentProof: { ...PROOF } }, 'evidence.payload');
    const reordered = checkPayload(
      enrolment,
      { enrolmentProof: Object.fromEntries(Object.entries(PROOF).reverse()) as unknown as EnrolmentProof },
      'evidence.payload',
    );
    expect(first.violations).toEqual([]);
    expect(Buffer.from(first.payload!.canonical)).toEqual(Buffer.from(reordered.payload!.canonical));
    expect(first.payload!.sha256).toBe(sha256Hex(EnrolmentProof.encode(PROOF).finish()));
  });

  it('ignores properties that are not fields of the message', () => {
    const withExtra = { enrolmentProof: { ...PROOF, salary: 9000 } } as never;
    const checked = checkPayload(enrolment, withExtra, 'evidence.payload');
    expect(checked.payload!.sha256).toBe(checkPayload(enrolment, { enrolmentProof: { ...PROOF } }, 'p').payload!.sha256);
  });

  it.each([
    ['a missing required field', { programmeName: '' }, 'evidence.payload.enrolment_proof.programme_name', 'is required'],
    ['an impossible date', { startDate: '2026-02-30' }, 'evidence.payload.enrolment_proof.start_date', 'calendar date'],
    [
      'an unspecified required enum',
      { studyLevel: StudyLevel.STUDY_LEVEL_UNSPECIFIED },
      'evidence.payload.enrolment_proof.study_level',
      'is required',
    ],
    ['an unknown enum number', { studyLevel: 42 }, 'evidence.payload.enrolment_proof.study_level', 'not a value'],
    ['a control character', { programmeName: 'MSc\u0000' }, 'evidence.payload.enrolment_proof.programme_name', 'control'],
    ['an overlong text', { programmeName: 'x'.repeat(1025) }, 'evidence.payload.enrolment_proof.programme_name', 'at most 1024'],
  ])('points at the field for %s', (_label, change, field, description) => {
    const { violations } = checkPayload(enrolment, { enrolmentProof: { ...PROOF, ...change } as never }, 'evidence.payload');
    expect(violations).toEqual([{ field, description: expect.stringContaining(description) as string }]);
  });

  describe('a count field (DEGREE_AWARDED programme_months)', () => {
    const degree = catalogue.find(EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED)!;
    const DEGREE: DegreeAwarded = {
      institutionName: 'Universiteit Leiden',
      institutionBrin: '21PB',
      programmeName: 'MSc Physics',
      programmeCode: '66956',
      studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
      completionKind: CompletionKind.COMPLETION_KIND_DUTCH_MASTER,
      completedOn: '2026-07-15',
      programmeMonths: 24,
    };

    it('keeps a whole number of months in the canonical payload', () => {
      const checked = checkPayload(degree, { degreeAwarded: DEGREE }, 'p');
      expect(checked.violations).toEqual([]);
      expect(DegreeAwarded.decode(checked.payload!.canonical).programmeMonths).toBe(24);
    });

    it.each([[-1], [2.5], [10_001], ['24']])('refuses %p months', (months) => {
      const { violations } = checkPayload(degree, { degreeAwarded: { ...DEGREE, programmeMonths: months as never } }, 'p');
      expect(violations).toEqual([
        { field: 'p.degree_awarded.programme_months', description: expect.stringContaining('whole number') as string },
      ]);
    });
  });

  it('refuses a payload message of another evidence type', () => {
    const { violations } = checkPayload(enrolment, { mvvIssued: { issuedOn: '2026-01-01' } as never }, 'evidence.payload');
    expect(violations).toEqual([{ field: 'evidence.payload', description: 'must hold enrolment_proof for EVIDENCE_TYPE_ENROLMENT_PROOF' }]);
  });

  it('refuses a payload above the size limit even when each field is within its own', () => {
    const long = 'y'.repeat(1000);
    const big = { ...PROOF, institutionName: long, programmeName: long, programmeCode: long, academicYear: long, institutionBrin: long };
    const { violations } = checkPayload(enrolment, { enrolmentProof: big }, 'evidence.payload');
    expect(violations).toEqual([
      { field: 'evidence.payload', description: expect.stringContaining(`at most ${MAX_PAYLOAD_BYTES}`) as string },
    ]);
  });
});

describe('disclosePayload', () => {
  it('copies only the fields the grant allows and names them', () => {
    const { canonical } = checkPayload(enrolment, { enrolmentProof: { ...PROOF } }, 'p').payload!;
    const disclosure = disclosePayload(enrolment, canonical, ['enrolment_status', 'academic_year', 'no_such_field']);
    expect(disclosure.disclosedFields).toEqual(['enrolment_status', 'academic_year']);
    expect(disclosure.payload.enrolmentProof).toMatchObject({
      enrolmentStatus: 'ENROLMENT_STATUS_ENROLLED',
      academicYear: '2026-2027',
      institutionName: '',
      programmeName: '',
      fullTime: false,
    });
  });

  it('never discloses a field the catalogue keeps back, whatever a grant says', () => {
    const mvv = catalogue.find(EvidenceType.EVIDENCE_TYPE_MVV_ISSUED)!;
    const payload = {
      issuedOn: '2026-03-01',
      validFrom: '2026-03-01',
      validUntil: '2026-05-30',
      consularPost: 'Nairobi',
      visaStickerNumber: 'NLD123',
    };
    const { canonical } = checkPayload(mvv, { mvvIssued: payload }, 'p').payload!;
    const disclosure = disclosePayload(mvv, canonical, ['issued_on', 'visa_sticker_number']);
    expect(disclosure.disclosedFields).toEqual(['issued_on']);
    expect(disclosure.payload.mvvIssued?.visaStickerNumber).toBe('');
  });

  it('hashes the disclosed view only: the requester can recompute it, and it is the same whatever was withheld', () => {
    const { canonical } = checkPayload(enrolment, { enrolmentProof: { ...PROOF } }, 'p').payload!;
    const { canonical: otherWithheld } = checkPayload(enrolment, { enrolmentProof: { ...PROOF, fullTime: !PROOF.fullTime } }, 'p').payload!;
    const disclosure = disclosePayload(enrolment, canonical, ['enrolment_status', 'academic_year']);
    const recomputed = sha256Hex(EnrolmentProof.encode(disclosure.payload.enrolmentProof!).finish());
    expect(disclosure.viewSha256).toBe(recomputed);
    expect(disclosePayload(enrolment, otherWithheld, ['enrolment_status', 'academic_year']).viewSha256).toBe(disclosure.viewSha256);
    expect(disclosure.viewSha256).not.toBe(sha256Hex(canonical));
  });
});
