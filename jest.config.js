/**
 * Jest against real PostgreSQL: globalSetup starts an embedded server (or uses DATABASE_URL),
 * migrates a template database once, and each test file works on its own copy of it.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
    // sql-template-tag 5 ships only ES modules: Node (>= 20.19) requires it natively, Jest's own
    // module loader does not (before Node 24.9), so Jest compiles that one package to CommonJS.
    '/node_modules/sql-template-tag/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!sql-template-tag/)'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
  maxWorkers: 2,
};
