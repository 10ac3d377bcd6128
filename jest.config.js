// Three tiers by file suffix (STYLE.md): small specs beside the code, integration and end-to-end specs under
// apps/*/test and libs/*/test. NestJS 12 ships ESM only; @swc/jest turns it into CommonJS so jest's own
// module loader (which cannot require ESM) can load it. One boring transform for everything.
// swc rewrites `@welkom/*` imports from tsconfig's paths, so the jest global setup (which jest loads without
// moduleNameMapper) can use the libs the same way as the specs and `npm start` do.
const { compilerOptions } = require('./tsconfig.json');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    baseUrl: __dirname,
    paths: compilerOptions.paths,
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
  swcrc: false,
};

const moduleNameMapper = {
  '^@welkom/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@welkom/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};

const realInfrastructure = {
  globalSetup: '<rootDir>/libs/testing/src/jest.global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest.global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest.real-infrastructure-timeout.ts'],
};

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts,deploy,test}/**/*.spec.ts'] },
    {
      ...shared,
      ...realInfrastructure,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,deploy,test}/**/*.int-spec.ts'],
      slowTestThreshold: 30,
    },
    {
      ...shared,
      ...realInfrastructure,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
      slowTestThreshold: 120,
    },
  ],
};
