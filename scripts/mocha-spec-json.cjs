// Mocha reporter: mocha's spec output on the console, plus the results as JSON in the file given by
// `--reporter-option output=FILE` ({ name, passes, failures, pending }, the shape the integration
// suites write), so scripts/test-all.mjs can add up the counts of every suite.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const Mocha = require('mocha');

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

class SpecJson extends Mocha.reporters.Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const opts = options.reporterOptions ?? options.reporterOption ?? {};
    const output = opts.output;
    const results = { name: opts.name ?? 'unit', passes: [], failures: [], pending: [] };
    const entry = (t, err) => ({
      title: t.title,
      fullTitle: t.fullTitle(),
      ...(t.file ? { file: t.file } : {}),
      ...(err ? { message: err.message ?? String(err) } : {}),
    });
    runner.on(EVENT_TEST_PASS, (t) => results.passes.push(entry(t)));
    runner.on(EVENT_TEST_FAIL, (t, err) => results.failures.push(entry(t, err)));
    runner.on(EVENT_TEST_PENDING, (t) => results.pending.push(entry(t)));
    runner.once(EVENT_RUN_END, () => {
      if (!output) return;
      mkdirSync(dirname(output), { recursive: true });
      writeFileSync(output, JSON.stringify(results, null, 2));
    });
  }
}

module.exports = SpecJson;
