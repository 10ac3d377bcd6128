import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { AuditTrailRepository } from '../audit/audit-trail.repository';
import { DEFAULT_IDENTITY_LINK_AUTHORITIES_FILE } from '../hub.config';
import type { PartyRegistryService } from '../party-registry/party-registry.service';
import type { PartyRecord } from '../party-registry/party.repository';
import { IND, LEIDEN, NOW, recordingAudit, SUBJECT, TX } from '../testing/hub-fixtures';
import { readIdentityLinkAuthorities } from './identity-link-authority.reference';
import { type MovedRows, survivorOf } from './subject-link';
import { linkIdentifiersCommand, unlinkIdentifierCommand } from './subject-link.command';
import type { SubjectLinkRepository } from './subject-link.repository';
import { SubjectLinkService } from './subject-link.service';
import { SubjectPseudonymRepository } from './subject-pseudonym.repository';

const AUTHORITIES = readIdentityLinkAuthorities(DEFAULT_IDENTITY_LINK_AUTHORITIES_FILE);
const PASSPORT = { passport: { number: 'AB1234567', issuingCountry: 'KE' } };
const V_NUMBER = { vNumber: 'V1234567' };
const CENTRE: PartyRecord = { oin: '00000001877777770000', name: 'Centre', roles: [PartyRole.PARTY_ROLE_WELCOME_CENTRE], subUnits: [] };

describe('identity-link-authorities.v1.json', () => {
  it('names the IND for a V-number and the municipal desk for a BSN, from reference data', () => {
    expect(AUTHORITIES.rolesFor('v-number', '2026-12-06')).toEqual([PartyRole.PARTY_ROLE_IND]);
    expect(AUTHORITIES.rolesFor('bsn', '2026-12-06')).toEqual([PartyRole.PARTY_ROLE_WELCOME_CENTRE]);
    expect(AUTHORITIES.rolesFor('bsn', '2014-01-05')).toEqual([]);
  });
});

describe('survivorOf', () => {
  const seen = new Map([
    ['a', 5n],
    ['b', 9n],
  ]);
  it('keeps the pseudonym the hub saw first, whichever side the caller named', () => {
    expect(survivorOf('b', 'a', seen)).toEqual({ survivor: 'a', absorbed: 'b' });
    expect(survivorOf('a', 'b', seen)).toEqual({ survivor: 'a', absorbed: 'b' });
  });
  it('keeps the known side when the hub saw neither, or only it', () => {
    expect(survivorOf('x', 'y', seen)).toEqual({ survivor: 'x', absorbed: 'y' });
    expect(survivorOf('a', 'y', seen)).toEqual({ survivor: 'a', absorbed: 'y' });
    expect(survivorOf('y', 'a', seen)).toEqual({ survivor: 'a', absorbed: 'y' });
  });
});

describe('linkIdentifiersCommand', () => {
  it('reads a passport → V-number link', () => {
    expect(linkIdentifiersCommand({ subject: PASSPORT, identifier: V_NUMBER, caseReference: 'case-1' })).toEqual({
      subject: { kind: 'passport', number: 'AB1234567', issuingCountry: 'KE' },
      identifier: { kind: 'v-number', value: 'V1234567' },
      caseReference: 'case-1',
    });
  });

  it('refuses a pseudonym or KvK number as the identifier to add, and a missing case, with field violations', () => {
    let thrown: unknown;
    try {
      linkIdentifiersCommand({ subject: { kvkNumber: '12345678' }, identifier: { pseudonym: SUBJECT }, caseReference: '' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const fields = (thrown as { fieldViolations: { field: string }[] }).fieldViolations.map((v) => v.field);
    expect(fields.sort()).toEqual(['case_reference', 'identifier', 'subject']);
  });

  it('refuses an unlink without a reason', () => {
    expect(() => unlinkIdentifierCommand({ identifier: V_NUMBER, reason: '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error,
    );
  });
});

describe('SubjectLinkService', () => {
  const subjects = new SubjectPseudonymRepository({ SUBJECT_PSEUDONYM_SECRET: 'a-test-secret-that-is-long-enough-0123456789' });
  const passportOwn = subjects.pseudonymOf({ kind: 'passport', number: 'AB1234567', issuingCountry: 'KE' });
  const vNumberOwn = subjects.pseudonymOf({ kind: 'v-number', value: 'V1234567' });

  function build(
    options: { caller?: PartyRecord; firstSeen?: Map<string, bigint>; moved?: MovedRows; links?: Record<string, string> } = {},
  ) {
    const audit = recordingAudit();
    const linked: unknown[] = [];
    const service = new SubjectLinkService(
      strictFake<PartyRegistryService>('PartyRegistryService', { callerRecord: async () => options.caller ?? IND }),
      strictFake<SubjectLinkRepository>('SubjectLinkRepository', {
        lockForChange: async () => undefined,
        resolve: async (_tx, pseudonyms) => new Map(pseudonyms.map((p) => [p, options.links?.[p] ?? p])),
        firstSeen: async () => options.firstSeen ?? new Map(),
        linkAndMerge: async (_tx, link) => {
          linked.push(link);
          return options.moved ?? { evidence: [], requests: [], relations: [], links: [] };
        },
      }),
      subjects,
      AUTHORITIES,
      strictFake<AuditTrailRepository>('AuditTrailRepository', { append: audit.append }),
      strictFake<TransactionRepository>('TransactionRepository', { run: async (work) => work(TX) }),
      strictFake<ClockRepository>('ClockRepository', { now: () => NOW, today: () => '2026-03-01' }),
      strictFake<IdRepository>('IdRepository', { newId: () => '00000000-0000-4000-8000-0000000000c1' }),
    );
    return { service, audit, linked };
  }
  const command = () => linkIdentifiersCommand({ subject: PASSPORT, identifier: V_NUMBER, caseReference: 'case-1' });

  it('links the V-number to the passport subject when the IND states it, audited', async () => {
    const { service, audit, linked } = build({ firstSeen: new Map([[passportOwn, 3n]]) });
    const outcome = await service.link(IND.oin, command());
    expect(outcome).toMatchObject({ subjectPseudonym: passportOwn, alreadyLinked: false, mergedPseudonym: null });
    expect(linked).toEqual([expect.objectContaining({ memberPseudonym: vNumberOwn, subjectPseudonym: passportOwn, linkedBy: IND.oin })]);
    expect(audit.appended[0].drafts.map((d) => [d.action, d.subjectPseudonym])).toEqual([
      ['SUBJECT_IDENTIFIERS_LINKED', passportOwn],
      ['SUBJECT_MERGED', vNumberOwn],
    ]);
  });

  it('merges a V-number subject the hub saw first the other way round, and says what moved', async () => {
    const moved = { evidence: ['e1'], requests: [], relations: ['r1'], links: [] };
    const { service, audit } = build({
      firstSeen: new Map([
        [vNumberOwn, 1n],
        [passportOwn, 7n],
      ]),
      moved,
    });
    const outcome = await service.link(IND.oin, command());
    expect(outcome).toMatchObject({ subjectPseudonym: vNumberOwn, mergedPseudonym: passportOwn });
    expect(audit.appended[0].drafts[0].reason).toContain('1 evidence, 0 requests, 1 relations');
  });

  it('changes nothing for identifiers that are one subject already', async () => {
    const { service, audit, linked } = build({ links: { [vNumberOwn]: passportOwn } });
    expect(await service.link(IND.oin, command())).toMatchObject({ alreadyLinked: true, subjectPseudonym: passportOwn });
    expect(linked).toEqual([]);
    expect(audit.appended).toEqual([]);
  });

  it.each([
    ['a university', LEIDEN],
    ['a welcome centre (the BSN authority)', CENTRE],
  ])('refuses %s linking a V-number with PERMISSION_DENIED NOT_LINK_AUTHORITY', async (_label, caller) => {
    const { service, linked } = build({ caller });
    await expect(service.link(caller.oin, command())).rejects.toMatchObject({ code: 'PERMISSION_DENIED', reason: 'NOT_LINK_AUTHORITY' });
    expect(linked).toEqual([]);
  });
});
