/*
 * Lazy Mermaid for Material for MkDocs, served from this site only.
 *
 * mkdocs-mermaid2 adds this classic script to pages that have a diagram. Material draws each
 * `<pre class="mermaid">` by calling the global `mermaid.initialize()` and `mermaid.render()`,
 * and fetches Mermaid from a CDN only when no global `mermaid` exists. This global stands in for
 * Mermaid: it imports the site's own copy of Mermaid's ESM build (copied from the npm lock by
 * overrides/hooks/mermaid_assets.py), so a page downloads only the chunks its diagram types
 * need, and pages without diagrams load nothing. The import starts as soon as this script runs,
 * while Material starts up, not at the first render.
 */
(function () {
  "use strict";
  var ready = import(new URL("mermaid/mermaid.esm.min.mjs", document.currentScript.src).href);
  var settings = {};
  var initialized = false;

  window.mermaid = {
    initialize: function (config) {
      settings = config;
    },
    render: function (id, source) {
      return ready.then(function (module) {
        if (!initialized) {
          module.default.initialize(settings);
          initialized = true;
        }
        return module.default.render(id, source);
      });
    }
  };
})();
