/**
 * Architecture boundaries (ARCHITECTURE.md §7), checked in `npm test` over apps, libs, test, deploy, bench and
 * scripts. Each rule below fails `npm run boundaries`; scripts/dependency-rules.spec.ts plants one forbidden
 * import per rule and checks that it is reported, so a rule that stops matching fails the tests.
 */

/** Tests may drive a service from outside as a plain client would (gRPC status codes, a raw database). */
const TEST_FILE = '\\.(spec|int-spec|e2e-spec)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'app-imports-other-app',
      severity: 'error',
      comment: 'Apps talk to each other over gRPC and Kafka contracts, never through code.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'lib-imports-app',
      severity: 'error',
      comment: 'Libraries serve every app; an app dependency would tie them to one.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-imports-tooling',
      severity: 'error',
      comment:
        'scripts/, deploy/ and bench/ are entry points and data; what a lib needs from them belongs in a lib ' +
        '(libs/infrastructure starts Kafka, PostgreSQL and the development PKI for npm start and the tests).',
      from: { path: '^libs/' },
      to: { path: '^(scripts|deploy|bench)/' },
    },
    {
      name: 'service-imports-tools',
      severity: 'error',
      comment:
        "A service's src/ does not depend on its offline tools (apps/*/tools: CLIs, history import, benches); " +
        'its specs may use them as an oracle.',
      from: { path: '^apps/([^/]+)/src/', pathNot: TEST_FILE },
      to: { path: '^apps/$1/tools/' },
    },
    {
      name: 'bench-imports-app',
      severity: 'error',
      comment:
        "bench/ measures the system from outside: it starts services and an app's probes (apps/*/tools) as " +
        'processes and uses libs, never importing app code.',
      from: { path: '^bench/' },
      to: { path: '^apps/' },
    },
    {
      name: 'typeorm-outside-persistence',
      severity: 'error',
      comment:
        'TypeORM stays behind repositories, entities and migrations (and libs/persistence, libs/messaging, the ' +
        'test-database harness in libs/testing, and integration specs that inspect a real database). Services ' +
        'pass a `Transaction` (libs/persistence) to repositories and never look inside it.',
      from: {
        pathNot: [
          '\\.(repository|entity|migration)\\.ts$',
          '/migrations/',
          '^libs/(persistence|messaging|testing)/',
          '\\.(int|e2e)-spec\\.ts$',
          // The bench's stand-in service wires its transactions by hand, as transaction.repository.ts does.
          '^bench/events/hub-backbone\\.run\\.ts$',
        ],
      },
      to: { path: 'node_modules/(@nestjs/)?typeorm/' },
    },
    {
      name: 'grpc-js-outside-transport',
      severity: 'error',
      comment:
        'gRPC is a transport: only libs/grpc, libs/runtime and *.grpc-controller.ts touch @grpc/grpc-js. Tests ' +
        'may, as outside clients, and the once-only bench by name for its plain grpc-js ceiling.',
      from: {
        pathNot: [
          '^libs/(grpc|runtime)/',
          '\\.grpc-controller\\.ts$',
          TEST_FILE,
          '^bench/once-only/(once-only\\.bench|plain-grpc\\.server|unary-load)\\.ts$',
        ],
      },
      to: { path: 'node_modules/@grpc/grpc-js/' },
    },
    {
      name: 'kafkajs-outside-messaging',
      severity: 'error',
      comment:
        'Only libs/messaging may use kafkajs, so the error policy, outbox and inbox cannot be bypassed. ' +
        "Allowed by name: the events bench's plain-kafkajs ceiling, and the local broker's own test, which " +
        'proves the broker with a plain client rather than with the stack under test.',
      from: {
        pathNot: ['^libs/messaging/', '^bench/events/plain-kafkajs\\.run\\.ts$', '^libs/infrastructure/test/kafka-broker\\.int-spec\\.ts$'],
      },
      to: { path: 'node_modules/kafkajs/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(generated|dist|\\.cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
