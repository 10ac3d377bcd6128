import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { isDomainError } from '@welkom/errors';
import { applicationFiledCommand, fileApplicationCommand } from './application-intake.command';

const request = {
  sponsorReference: 'LEI-1',
  category: PermitCategory.PERMIT_CATEGORY_STUDENT,
  applicant: { passport: { number: 'ab1234567', issuingCountry: 'KE' } },
  citizenship: 'KE',
  intendedStayFrom: '2026-09-01',
  intendedStayUntil: '2028-08-31',
};

function reasonOf(act: () => unknown): { reason?: string; fields: string[] } {
  try {
    act();
  } catch (error) {
    if (isDomainError(error)) return { reason: error.reason, fields: error.fieldViolations.map((v) => v.field) };
    throw error;
  }
  return { fields: [] };
}

describe('filing an application', () => {
  it('takes a passport, upper-cased, and fingerprints what was filed', () => {
    const command = fileApplicationCommand(request);
    expect(command.applicant).toEqual({ kind: 'passport', number: 'AB1234567', issuingCountry: 'KE' });
    expect(command.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fileApplicationCommand({ ...request, intendedStayUntil: '2028-08-30' }).fingerprint).not.toBe(command.fingerprint);
  });

  it('names every problem at once', () => {
    expect(
      reasonOf(() =>
        fileApplicationCommand({
          ...request,
          category: PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD,
          citizenship: 'Kenya',
          intendedStayFrom: '2029-01-01',
        }),
      ),
    ).toEqual({ reason: 'INVALID_REQUEST', fields: ['category', 'citizenship', 'intended_stay_until'] });
  });

  it('refuses a stay that does not exist on the calendar', () => {
    expect(reasonOf(() => fileApplicationCommand({ ...request, intendedStayFrom: '2026-02-30' })).fields).toEqual(['intended_stay_from']);
  });

  it('refuses an organisation as applicant', () => {
    expect(reasonOf(() => fileApplicationCommand({ ...request, applicant: { kvkNumber: '12345678' } })).fields).toEqual([
      'applicant.kvk_number',
    ]);
  });

  it('takes a pseudonym from the event backbone', () => {
    const pseudonym = `subj_${'a'.repeat(52)}`;
    const command = applicationFiledCommand({ ...request, applicant: { pseudonym } });
    expect(command.applicant).toEqual({ kind: 'pseudonym', value: pseudonym });
  });
});
