import { queryRows } from './query-rows';

describe('queryRows', () => {
  it('unwraps what TypeORM returns for UPDATE … RETURNING', () => {
    expect(queryRows([[{ id: 1 }, { id: 2 }], 2])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(queryRows([[], 0])).toEqual([]);
  });

  it('passes SELECT rows through, even two of them', () => {
    expect(queryRows([{ id: 1 }, { id: 2 }])).toEqual([{ id: 1 }, { id: 2 }]);
  });
});
