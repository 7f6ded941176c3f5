"""What stays out of the search index, so that a student's query finds the teaching.

Material's search plugin (`search` in mkdocs.yml) indexes each page's HTML at on_page_context,
one entry per heading with an id, and leaves out every element marked `data-search-exclude`
(a marked heading: its whole section), then strips the marks that have a value from the page.
Kept out, each where it is made:

- Mermaid diagram source (`stateDiagram-v2 … -->`): `mark_diagram_sources()`, called by
  overrides/hooks/mermaid_diagrams.py at on_page_content, before the index is made; the drawings
  that replace the source later carry their labels in SVG, which is never indexed.
- The self-test's questions and answer key, the flashcard deck and the printable flashcard sheets:
  their generators in scripts/site_tools/renderings.py mark them (renderings.NOT_SEARCHED).

Mark innermost blocks, or a heading: Material compares elements by tag name only, so a marked
`<div>` stops being left out where the first `<div>` nested in it closes.

Each glossary term is a heading of its own (renderings.glossary), so it is an entry of its own
with its anchor. tests/test_search.py runs students' queries through the built index in Chromium.
"""

from __future__ import annotations

import re

# mkdocs-mermaid2's block for a diagram's source (scripts/site_tools/diagram_pages.py draws it).
DIAGRAM_SOURCE = re.compile(r'<pre\s+class="mermaid">')
# With a value, so that Material removes the mark once the page is indexed and
# diagram_pages.SOURCE_BLOCK finds the block unchanged.
MARKED = '<pre class="mermaid" data-search-exclude="diagram source">'


def mark_diagram_sources(page_html: str) -> str:
    """`page_html` with every Mermaid source block marked for Material's search to leave out."""
    return DIAGRAM_SOURCE.sub(MARKED, page_html)
