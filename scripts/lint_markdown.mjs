// Lint Markdown files with markdownlint (the npm library) and the rules below, nothing else.
// Usage: node scripts/lint_markdown.mjs FILE...
// Prints `file:line:[column:] rule description [detail]` per problem; exit status 1 when there is any.
//
// The library, not its command line (markdownlint-cli2): the command line also reads settings
// from every folder it lints, `.markdownlint-cli2.cjs` included, which is JavaScript it runs, so
// a pull request could run code with a dotfile beside its pages. The library reads only the files
// it is given, and here no settings in them either (tests/test_contributing.py checks both).
// Imported by path from this repository's node_modules, as lint_workflows.cjs does.
import { lint } from "../node_modules/markdownlint/lib/exports-sync.mjs";

// markdownlint's CommonMark rules, adjusted for MkDocs' Markdown.
const RULES = {
  default: true,
  // Prose is wrapped by sentence and by taste; tables and links make long lines.
  MD013: false,
  // Raw HTML the pages use on purpose: layout divs, tooltips, the self-test key's question
  // numbers (span) and its write-in lines (p).
  MD033: { allowed_elements: ["div", "span", "p", "a", "abbr", "br", "details", "summary", "figure", "figcaption"] },
  // The home page's front matter `title:` is its browser title, not a second h1.
  MD025: { front_matter_title: "" },
  // Bold list items (**Immutable**) are the notes' own style, not headings in disguise.
  MD036: false,
  // Admonition bodies are indented four spaces (Python-Markdown syntax), not code blocks.
  MD046: false,
  // Pages use the link definitions of includes/links.md, which the snippets extension appends to
  // every page when it is built; `scripts/check_links.py sources` names any label left undefined.
  MD052: false,
};

if (process.argv.includes("--help")) {
  console.log("usage: node scripts/lint_markdown.mjs FILE.md...\n\nLint Markdown files with markdownlint and this project's rules.");
  process.exit(0);
}

// noInlineConfig: a `<!-- markdownlint-disable -->` comment in a page turns nothing off.
const results = lint({ files: process.argv.slice(2), config: RULES, noInlineConfig: true });
let problems = 0;
for (const [file, errors] of Object.entries(results)) {
  for (const error of errors) {
    problems += 1;
    const column = error.errorRange ? `${error.errorRange[0]}:` : "";
    const detail = error.errorDetail ? ` [${error.errorDetail}]` : "";
    console.log(`${file}:${error.lineNumber}:${column} ${error.ruleNames.join("/")} ${error.ruleDescription}${detail}`);
  }
}
process.exit(problems ? 1 : 0);
