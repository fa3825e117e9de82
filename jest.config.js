/** Jest runs every test in the repo on the TypeScript sources (tsc -b does the type checking). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/tests'],
  testMatch: ['**/test/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleNameMapper: {
    '^@cresset/(.*)$': '<rootDir>/packages/$1/src',
    '^cresset$': '<rootDir>/packages/cresset/src',
  },
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
  testTimeout: 120000,
};
