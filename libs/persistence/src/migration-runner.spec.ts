import { migrationLockKey } from './migration-runner';

describe('migrationLockKey', () => {
  it('gives the same signed 64-bit key for the same migrations table, every time', () => {
    const key = migrationLockKey('migrations');

    expect(migrationLockKey('migrations')).toBe(key);
    expect(BigInt(key)).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(BigInt(key)).toBeLessThan(2n ** 63n);
  });

  it('gives different tables different keys', () => {
    expect(migrationLockKey('hub_migrations')).not.toBe(migrationLockKey('relay_migrations'));
  });
});
