import { assertSafeIdentifier, databaseNameOf, databaseUrl } from './database-admin';

describe('databaseUrl', () => {
  it('points the URL at another database and keeps credentials, host, port and options', () => {
    const url = 'postgres://app:p%40ss@db.internal:6543/postgres?sslmode=require';

    expect(databaseUrl(url, 'welkom_hub')).toBe('postgres://app:p%40ss@db.internal:6543/welkom_hub?sslmode=require');
  });

  it('adds a database to a URL that names none', () => {
    expect(databaseUrl('postgresql://postgres@127.0.0.1:5432', 'welkom_hub')).toBe('postgresql://postgres@127.0.0.1:5432/welkom_hub');
  });
});

describe('databaseNameOf', () => {
  it('reads the database name, falling back to the user name as PostgreSQL does', () => {
    expect(databaseNameOf('postgres://app@localhost/welkom_hub')).toBe('welkom_hub');
    expect(databaseNameOf('postgres://app@localhost')).toBe('app');
  });
});

describe('assertSafeIdentifier', () => {
  it.each(['welkom_hub', '_scratch', 'a', 't'.repeat(63)])('accepts %s', (name) => {
    expect(assertSafeIdentifier(name)).toBe(name);
  });

  it.each(['', 'Welkom', '1st', 'with-dash', 'x'.repeat(64), 'a"; DROP DATABASE postgres; --', 'ümlaut'])('rejects %j', (name) => {
    expect(() => assertSafeIdentifier(name)).toThrow(/Unsafe PostgreSQL identifier/);
  });
});
