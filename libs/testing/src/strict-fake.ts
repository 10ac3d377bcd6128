/**
 * A hand-built fake of a repository class for small tests (immich's strict auto-mocks, in our words): only
 * the methods a test provides exist; calling any other method fails the test with its name, so a service
 * cannot do more I/O than the test expects. Import it as `@welkom/testing/strict-fake`: this file has no
 * imports, while the package index also brings the harnesses that start Kafka and PostgreSQL.
 */
export function strictFake<T extends object>(name: string, methods: Partial<{ [K in keyof T]: T[K] }> = {}): T {
  return new Proxy(methods as T, {
    get(target, property, receiver) {
      if (property === 'then' || typeof property === 'symbol') return undefined;
      if (property in target) return Reflect.get(target, property, receiver);
      throw new Error(`${name}.${String(property)} was called, but the test did not expect it`);
    },
  });
}
