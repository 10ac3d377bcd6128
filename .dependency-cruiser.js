/**
 * Architecture boundaries (ARCHITECTURE.md §7), checked in `npm test`: apps never import other apps, libs
 * never import apps, and only libs/messaging talks to Kafka through kafkajs.
 */
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
      name: 'kafkajs-outside-messaging',
      severity: 'error',
      comment: 'Only libs/messaging may use kafkajs, so the error policy, outbox and inbox cannot be bypassed.',
      from: { path: '^(apps|libs)/', pathNot: '^libs/messaging/' },
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
