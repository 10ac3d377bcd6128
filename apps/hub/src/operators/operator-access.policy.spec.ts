import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OperatorRegister, operatorStandingOn, readOperatorRegister } from '@welkom/reference-data';
import { operatorAccess } from './operator-access.policy';

const register: OperatorRegister = {
  version: 'test',
  sources: [{ title: 'test register', document: 'operator-access.policy.spec.ts' }],
  operators: [
    { id: 'anna.devries', name: 'Anna', role: 'HUB_ADMINISTRATOR', validFrom: '2026-01-01', validTo: null },
    { id: 'cees.tijdelijk', name: 'Cees', role: 'HUB_ADMINISTRATOR', validFrom: '2026-03-01', validTo: '2026-03-31' },
    { id: 'cees.tijdelijk', name: 'Cees', role: 'HUB_ADMINISTRATOR', validFrom: '2026-06-01', validTo: '2026-06-30' },
  ],
};

const reasonOf = (operatorId: string, day: string, revoked = false): string => {
  const revocation = revoked
    ? { operatorId, revokedAt: new Date('2026-02-01T10:00:00Z'), revokedBy: 'bram.jansen', reason: 'left', auditSequence: '7' }
    : undefined;
  const access = operatorAccess(operatorId, day, operatorStandingOn(register, operatorId, day), revocation);
  return 'refusal' in access ? access.refusal.hubReason : `allowed as ${access.entry.name}`;
};

describe('operator access', () => {
  it('lets a registered operator act on every day of a validity period, both ends included', () => {
    expect(reasonOf('anna.devries', '2026-01-01')).toBe('allowed as Anna');
    expect(reasonOf('cees.tijdelijk', '2026-03-31')).toBe('allowed as Cees');
    expect(reasonOf('cees.tijdelijk', '2026-06-01')).toBe('allowed as Cees');
  });

  it('refuses an operator outside every validity period, between periods too', () => {
    expect(reasonOf('anna.devries', '2025-12-31')).toBe('OPERATOR_NOT_VALID');
    expect(reasonOf('cees.tijdelijk', '2026-04-01')).toBe('OPERATOR_NOT_VALID');
    expect(reasonOf('cees.tijdelijk', '2026-07-01')).toBe('OPERATOR_NOT_VALID');
  });

  it('refuses an identifier the register does not list', () => {
    expect(reasonOf('carla.onbekend', '2026-05-01')).toBe('OPERATOR_NOT_REGISTERED');
  });

  it('refuses a revoked operator, whatever the register says', () => {
    expect(reasonOf('anna.devries', '2026-05-01', true)).toBe('OPERATOR_REVOKED');
    expect(reasonOf('carla.onbekend', '2026-05-01', true)).toBe('OPERATOR_REVOKED');
  });

  it('refuses a register with overlapping periods for one operator', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'operators-')), 'operators.v1.json');
    const overlapping = { ...register, operators: [register.operators[0], { ...register.operators[0], validFrom: '2026-05-01' }] };
    writeFileSync(file, JSON.stringify(overlapping));

    expect(() => readOperatorRegister(file)).toThrow(/operators\[1\] \(anna\.devries\) \.validFrom: overlaps operators\[0\]/);
  });
});
