/*
 * Lazy Mermaid for Material for MkDocs, served from this site only.
 *
 * mkdocs-mermaid2 adds this classic script to pages that have a diagram. Material draws each
 * `<pre class="mermaid">` by calling the global `mermaid.initialize()` and `mermaid.render()`,
 * and fetches Mermaid from a CDN only when no global `mermaid` exists. This global stands in for
 * Mermaid: it imports the site's own copy of Mermaid's ESM build (copied from the npm lock by
 * overrides/hooks/mermaid_assets.py) on the first render, so a page downloads only the chunks
 * its diagram types need, and pages without diagrams load nothing.
 */
(function () {
  "use strict";
  var moduleUrl = new URL("mermaid/mermaid.esm.min.mjs", document.currentScript.src).href;
  var settings = {};
  var ready = null;

  function load() {
    if (!ready) {
      ready = import(moduleUrl).then(function (module) {
        module.default.initialize(settings);
        return module.default;
      });
    }
    return ready;
  }

  window.mermaid = {
    initialize: function (config) {
      settings = config;
    },
    render: function (id, source) {
      return load().then(function (mermaid) {
        return mermaid.render(id, source);
      });
    }
  };
})();
