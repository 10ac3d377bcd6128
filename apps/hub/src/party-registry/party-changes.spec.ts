import { partyChanges } from './party-changes';
import type { PartyRecord } from './party.repository';

const IND: PartyRecord = { oin: '00000001812345670000', name: 'IND', roles: ['IND'], subUnits: [] };
const CONSULAR: PartyRecord = {
  oin: '00000001845678900000',
  name: 'Consular service',
  roles: ['CONSULAR_POST'],
  subUnits: [{ code: 'nairobi', name: 'Nairobi' }],
};

describe('partyChanges', () => {
  it('names every party a first load registers', () => {
    expect(partyChanges([], [IND, CONSULAR])).toEqual([
      { oin: IND.oin, action: 'PARTY_REGISTERED', summary: 'IND; roles IND' },
      { oin: CONSULAR.oin, action: 'PARTY_REGISTERED', summary: 'Consular service; roles CONSULAR_POST; sub-units nairobi=Nairobi' },
    ]);
  });

  it('finds nothing when the file says what the database holds, in any order', () => {
    expect(partyChanges([{ ...CONSULAR, oin: `${CONSULAR.oin}` }, IND], [IND, CONSULAR])).toEqual([]);
  });

  it('records a new role or a new sub-unit as a change', () => {
    const changed = { ...CONSULAR, roles: ['CONSULAR_POST', 'IND'], subUnits: [...CONSULAR.subUnits, { code: 'lagos', name: 'Lagos' }] };
    expect(partyChanges([IND, CONSULAR], [IND, changed])).toEqual([
      {
        oin: CONSULAR.oin,
        action: 'PARTY_CHANGED',
        summary: 'Consular service; roles CONSULAR_POST,IND; sub-units lagos=Lagos,nairobi=Nairobi',
      },
    ]);
  });
});
