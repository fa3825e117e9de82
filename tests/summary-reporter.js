/** Prints one closing line, "Tests: N passed, N failed", that CI reads as the run's verdict. */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suitesFailed = results.numFailedTestSuites;
    const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites || 0);
    process.stdout.write(`\nsuites: ${suitesFailed} failed of ${results.numTotalTestSuites}\n`);
    process.stdout.write(`Tests: ${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '') + '\n');
  }
}
module.exports = SummaryReporter;
