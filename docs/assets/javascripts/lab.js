/* The lab on beyond/lab.md: a small simulated Docker CLI, a live picture of images, layers and
 * containers, and predict-then-run exercises; and the small labs embedded in other pages
 * (`.lab-embed`), each one scenario of lab.yml's `embeds` run step by step with the same engine.
 *
 * It holds no Docker facts of its own. lab-data.json, made at build time from
 * docs/data/lifecycle.yml and docs/data/lab.yml (overrides/hooks/lab_assets.py), gives the
 * container states and every transition (a command moves a container only along a transition
 * whose label names it), the images, the Dockerfile, Docker's refusals and the exercises.
 * No library: a few hundred lines of plain script keep the page light and need no third party.
 */
(function () {
  "use strict";

  var root = document.getElementById("lab-app");
  var embeds = document.querySelectorAll(".lab-embed[data-embed]");
  if ((!root && !embeds.length) || !document.currentScript) return;
  var DATA_URL = new URL("lab-data.json", document.currentScript.src);
  var STEP = 5; // seconds the lab's clock moves per command
  var RUNNING_LIKE = ["running", "paused", "restarting"];
  var NAMES = ["eager_turing", "brave_hopper", "quirky_lovelace", "calm_ritchie", "keen_goldberg",
    "jolly_curie", "vigilant_knuth", "modest_noether", "sharp_torvalds", "happy_babbage"];

  // ---- small helpers -------------------------------------------------------------------------

  function hex(seed, length) { // a stable made-up ID: FNV-1a per 8-digit block, then mixed
    var out = "";
    for (var block = 0; out.length < length; block++) {
      var h = (2166136261 ^ block) >>> 0;
      for (var i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
      h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
      out += ("0000000" + ((h ^ (h >>> 15)) >>> 0).toString(16)).slice(-8);
    }
    return out.slice(0, length);
  }

  function full(shortId) { return shortId + hex(shortId, 52); }

  function bytes(size) {
    var m = /^([0-9.]+)(B|kB|MB|GB)$/.exec(size);
    return Number(m[1]) * { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[m[2]];
  }

  function humanSize(n) {
    var units = ["B", "kB", "MB", "GB"], i = 0;
    while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
    return String(Number(n.toPrecision(3))) + units[i];
  }

  function humanDuration(seconds) {
    if (seconds < 1) return "Less than a second";
    if (seconds === 1) return "1 second";
    if (seconds < 60) return seconds + " seconds";
    var minutes = Math.floor(seconds / 60);
    return minutes === 1 ? "About a minute" : minutes + " minutes";
  }

  function columns(header, rows) {
    var all = [header].concat(rows);
    var widths = header.map(function (_, c) {
      return Math.max.apply(null, all.map(function (r) { return r[c].length; }));
    });
    return all.map(function (row) {
      return row.map(function (cell, c) {
        return c === row.length - 1 ? cell : cell + " ".repeat(Math.max(widths[c] + 3, 10) - cell.length);
      }).join("").replace(/\s+$/, "");
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function words(line) {
    var out = [], re = /"([^"]*)"|'([^']*)'|(\S+)/g, m;
    while ((m = re.exec(line))) out.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2] : m[3]);
    return out;
  }

  function ref(name) {
    if (/^[0-9a-f]{4,64}$/.test(name)) return name;
    return name.indexOf(":") < 0 ? name + ":latest" : name;
  }

  // ---- the simulated Docker ------------------------------------------------------------------

  function CliError(lines) { this.lines = lines; }

  function Docker(model) {
    this.model = model;
    this.reset();
  }

  Docker.prototype.reset = function () {
    this.clock = 0;
    this.images = [];       // {id, refs, layers: [layer ids], command, ends, created}
    this.layers = {};       // id -> {id, made_by, size, files}
    this.containers = [];   // {id, name, image, shown, command, ends, state, ...}
    this.made = 0;
    this.changes = [];
    this.touched = {};
  };

  Docker.prototype.note = function (key, text) {
    this.touched[key] = true;
    this.changes.push(text);
  };

  Docker.prototype.transition = function (state, label) {
    return this.model.transitions.filter(function (t) {
      return t.from.indexOf(state) >= 0 && t.label.split(", ").indexOf(label) >= 0;
    })[0];
  };

  // Move a container along the transition whose label names `label`; false when there is none.
  Docker.prototype.move = function (c, label) {
    var t = this.transition(c.state, label);
    if (!t) return false;
    this.note("container:" + c.name, c.name + ": " + c.state + " \u2192 " + t.to + " (" + t.label + ")");
    c.state = t.to;
    if (t.to === "running") { c.started = this.clock; }
    if (t.to === "exited") { c.finished = this.clock; }
    if (t.to === this.model.after) {
      this.containers = this.containers.filter(function (x) { return x !== c; });
    }
    return true;
  };

  Docker.prototype.refusal = function (command, condition, values) {
    var r = this.model.refusals.filter(function (x) {
      return x.command === command && x.when.indexOf(condition) >= 0;
    })[0];
    if (r) throw new CliError([fill(r.message, values)]);
  };

  Docker.prototype.refuseFor = function (command, c) {
    this.refusal(command, c.state, { name: c.name, id: c.id, state: c.state });
  };

  // What happens without a command: the main process ends, a policy restarts it, --rm removes it.
  Docker.prototype.settle = function (c) {
    if (c.state === "running" && c.ends) {
      c.exitCode = 0;
      var again = c.restart === "always" || c.restart === "unless-stopped";
      if (!(again && this.move(c, "policy"))) this.move(c, "ends");
    }
    if (c.state === "exited" && c.autoRemove) this.remove(c, "auto-remove");
  };

  // `lab break C` makes C's next restart attempt or removal fail; true when it was broken.
  Docker.prototype.fails = function (c) {
    var broken = c.broken;
    c.broken = false;
    return broken;
  };

  Docker.prototype.remove = function (c, label) {
    if (!this.move(c, label)) return false;
    this.move(c, this.fails(c) ? "removal fails" : "removed");
    return true;
  };

  Docker.prototype.tick = function () {
    this.clock += STEP;
    var self = this;
    this.containers.slice().forEach(function (c) {
      if (c.state !== "restarting") return;
      if (self.fails(c)) self.move(c, "restart fails");
      else if (self.move(c, "restarted")) self.settle(c);
    });
  };

  // The daemon stops every container as it shuts down (not by hand), then on starting retries the
  // removal of dead ones, removes --rm ones, and starts those whose restart policy asks for it.
  Docker.prototype.restartDaemon = function () {
    var self = this;
    this.containers.slice().forEach(function (c) { self.move(c, "stop"); });
    this.containers.slice().forEach(function (c) {
      if (c.state === "dead") self.remove(c, "rm");
      else self.settle(c);
      var again = c.restart === "always" || (c.restart === "unless-stopped" && !c.byHand);
      if (again && self.move(c, "daemon starts")) self.settle(c);
    });
  };

  Docker.prototype.container = function (key) {
    var found = this.containers.filter(function (c) { return c.name === key || c.id.indexOf(key) === 0; });
    if (!found.length) throw new CliError(["Error response from daemon: No such container: " + key]);
    return found[0];
  };

  Docker.prototype.image = function (key) {
    var wanted = ref(key);
    return this.images.filter(function (i) {
      return i.refs.indexOf(wanted) >= 0 || (/^[0-9a-f]{4,}$/.test(key) && i.id.indexOf(key) === 0);
    })[0];
  };

  Docker.prototype.usersOf = function (imageId) {
    return this.containers.filter(function (c) { return c.image === imageId; });
  };

  Docker.prototype.addImage = function (spec, refName) {
    var self = this, image = this.images.filter(function (i) { return i.id === spec.id; })[0];
    spec.layerSpecs.forEach(function (l) { self.layers[l.id] = l; });
    if (!image) {
      image = { id: spec.id, refs: [], layers: spec.layerSpecs.map(function (l) { return l.id; }),
        command: spec.command, ends: spec.ends, created: spec.created };
      this.images.push(image);
    }
    if (refName) this.tag(image, refName);
    this.note("image:" + image.id, "image " + (refName || image.id) + " is stored");
    return image;
  };

  Docker.prototype.tag = function (image, name) {
    this.images.forEach(function (i) { i.refs = i.refs.filter(function (r) { return r !== name; }); });
    image.refs.push(name);
    this.note("image:" + image.id, "tag " + name + " \u2192 image " + image.id);
  };

  Docker.prototype.catalog = function (name) {
    var parts = ref(name).split(":");
    var entry = this.model.images.filter(function (i) { return i.name === parts[0]; })[0];
    if (!entry) {
      throw new CliError(["Error response from daemon: pull access denied for " + parts[0] +
        ", repository does not exist or may require 'docker login'"]);
    }
    if (parts[1] !== "latest") {
      throw new CliError(["Error response from daemon: manifest for " + ref(name) +
        " not found: manifest unknown: manifest unknown"]);
    }
    return { id: entry.id, layerSpecs: entry.layers, command: entry.command, ends: entry.ends,
      created: null, name: parts[0] };
  };

  Docker.prototype.pull = function (name, out) {
    var spec = this.catalog(name), self = this, refName = ref(name);
    if (name.indexOf(":") < 0) out.push("Using default tag: latest");
    out.push("latest: Pulling from library/" + spec.name);
    var have = this.images.some(function (i) { return i.id === spec.id; });
    if (!have) {
      spec.layerSpecs.forEach(function (l) {
        out.push(l.id + ": " + (self.layers[l.id] ? "Already exists" : "Pull complete"));
      });
    }
    out.push("Digest: sha256:" + full(hex(spec.id, 12)));
    out.push(have && this.image(refName) ? "Status: Image is up to date for " + refName
      : "Status: Downloaded newer image for " + refName);
    out.push("docker.io/library/" + refName);
    return this.addImage(spec, refName);
  };

  Docker.prototype.imageFor = function (name, out) {
    var image = this.image(name);
    if (image) return image;
    out.push("Unable to find image '" + ref(name) + "' locally");
    return this.pull(name, out);
  };

  // ---- commands ------------------------------------------------------------------------------

  var FLAGS = {
    images: { "-a": 0, "--all": 0, "-q": 0, "--quiet": 0 },
    ps: { "-a": 0, "--all": 0, "-q": 0, "--quiet": 0 },
    exec: { "-i": 0, "-t": 0, "--interactive": 0, "--tty": 0 },
    rmi: { "-f": 0, "--force": 0 },
    rm: { "-f": 0, "--force": 0 },
    run: { "-d": 0, "--detach": 0, "--rm": 0, "--name": 1, "--restart": 1 },
    create: { "--rm": 0, "--name": 1, "--restart": 1 },
    build: { "-t": 1, "--tag": 1 },
    prune: { "-f": 0, "--force": 0, "-a": 0, "--all": 0 }
  };
  var USAGE = {
    pull: ["pull", 1, "NAME[:TAG]"], images: ["images", 0, ""], tag: ["tag", 2, "SOURCE_IMAGE TARGET_IMAGE"],
    rmi: ["rmi", 1, "IMAGE [IMAGE...]"], build: ["build", 1, "PATH"], create: ["create", 1, "IMAGE [COMMAND]"],
    run: ["run", 1, "IMAGE [COMMAND]"], start: ["start", 1, "CONTAINER [CONTAINER...]"],
    stop: ["stop", 1, "CONTAINER [CONTAINER...]"], kill: ["kill", 1, "CONTAINER [CONTAINER...]"],
    pause: ["pause", 1, "CONTAINER [CONTAINER...]"], unpause: ["unpause", 1, "CONTAINER [CONTAINER...]"],
    restart: ["restart", 1, "CONTAINER [CONTAINER...]"], rm: ["rm", 1, "CONTAINER [CONTAINER...]"],
    ps: ["ps", 0, ""], exec: ["exec", 2, "CONTAINER COMMAND [ARG...]"], diff: ["diff", 1, "CONTAINER"],
    commit: ["commit", 1, "CONTAINER [REPOSITORY[:TAG]]"], prune: ["prune", 0, ""]
  };
  var ALIASES = { "image ls": "images", "image list": "images", "container ls": "ps", "container list": "ps",
    "container ps": "ps", "image rm": "rmi", "image pull": "pull", "image build": "build", "image tag": "tag",
    "container prune": "container-prune", "image prune": "image-prune" };
  var HELP = [
    "Usage:  docker COMMAND    (the word docker is optional here)",
    "",
    "Images:      pull NAME, build -t NAME . , images [-a], tag SOURCE TARGET, rmi [-f] IMAGE, image prune [-a]",
    "Containers:  create [--name N] [--restart P] [--rm] IMAGE, run [-d] [--name N] [--rm] [--restart P] IMAGE,",
    "             start, stop, kill, pause, unpause, restart, rm [-f], ps [-a], exec C touch FILE, exec C ls [DIR],",
    "             diff C, commit C [NAME], container prune",
    "Lab:         help, reset, lab break C  (makes C's next restart attempt or removal fail, as a missing or busy file would),",
    "             lab restart-daemon  (stops every container, then starts those whose restart policy asks for it)",
    "",
    "Images to pull: NAMES. alpine's shell ends at once; nginx and httpd keep running.",
    "The Dockerfile `build` builds:",
    "  FROM BASE",
    "STEPS",
    "  CMD [\"CMDLINE\"]"
  ];

  function usageError(cmd, text) {
    return new CliError([text, "See 'docker " + cmd + " --help'."]);
  }

  function parse(cmd, args) {
    var spec = FLAGS[cmd] || {}, flags = {}, rest = [];
    args = [].concat.apply([], args.map(function (a) { // -it is -i -t
      return /^-[a-zA-Z]{2,}$/.test(a) ? a.slice(1).split("").map(function (x) { return "-" + x; }) : [a];
    }));
    for (var i = 0; i < args.length; i++) {
      var a = args[i];
      if (rest.length && (cmd === "run" || cmd === "create" || cmd === "exec")) { rest.push(a); continue; }
      if (a.charAt(0) === "-" && a !== "-") {
        var name = a.split("=")[0];
        if (!(name in spec)) {
          throw usageError(cmd, name.charAt(1) === "-" ? "unknown flag: " + name
            : "unknown shorthand flag: '" + name.charAt(1) + "' in " + name);
        }
        if (spec[name]) {
          var value = a.indexOf("=") > 0 ? a.slice(a.indexOf("=") + 1) : args[++i];
          if (value === undefined) throw usageError(cmd, "flag needs an argument: " + name);
          flags[name.replace(/^-+/, "")] = value;
        } else {
          flags[name.replace(/^-+/, "")] = true;
        }
      } else {
        rest.push(a);
      }
    }
    var usage = USAGE[cmd];
    if (usage && rest.length < usage[1]) {
      throw usageError(usage[0], "\"docker " + usage[0] + "\" requires at least " + usage[1] + " argument" +
        (usage[1] > 1 ? "s" : "") + ".");
    }
    return { flags: flags, args: rest };
  }

  Docker.prototype.commands = {
    help: function (p, out) {
      var m = this.model;
      HELP.map(function (line) {
        return line.replace("NAMES", m.images.map(function (i) { return i.name; }).join(", "))
          .replace("BASE", m.build.from).replace("CMDLINE", m.build.command)
          .replace("STEPS", m.build.steps.map(function (s) { return "  " + s.instruction; }).join("\n"));
      }).join("\n").split("\n").forEach(function (line) { out.push(line); });
    },
    pull: function (p, out) { this.pull(p.args[0], out); },
    images: function (p, out) {
      var self = this, rows = [];
      this.images.forEach(function (i) {
        var size = humanSize(i.layers.reduce(function (s, l) { return s + bytes(self.layers[l].size); }, 0));
        var created = i.created === null ? "2 weeks ago" : humanDuration(self.clock - i.created) + " ago";
        var refs = i.refs.length ? i.refs : ["<none>:<none>"];
        refs.forEach(function (r) {
          rows.push(p.flags.q || p.flags.quiet ? [i.id] : r.split(":").concat([i.id, created, size]));
        });
      });
      if (p.flags.q || p.flags.quiet) { rows.forEach(function (r) { out.push(r[0]); }); return; }
      columns(["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"], rows).forEach(function (l) { out.push(l); });
    },
    tag: function (p) {
      var image = this.image(p.args[0]);
      if (!image) throw new CliError(["Error response from daemon: No such image: " + ref(p.args[0])]);
      this.tag(image, ref(p.args[1]));
    },
    rmi: function (p, out) {
      var self = this, force = p.flags.f || p.flags.force;
      p.args.forEach(function (key) {
        var image = self.image(key);
        if (!image) throw new CliError(["Error response from daemon: No such image: " + ref(key)]);
        var byName = image.refs.indexOf(ref(key)) >= 0;
        if (byName && image.refs.length > 1) {
          image.refs = image.refs.filter(function (r) { return r !== ref(key); });
          self.note("image:" + image.id, "tag " + ref(key) + " removed");
          out.push("Untagged: " + ref(key));
          return;
        }
        var values = { image: key, image_id: image.id };
        if (!byName && image.refs.length > 1 && !force) self.refusal("rmi", "image-multiple-refs", values);
        var users = self.usersOf(image.id), running = users.filter(function (c) {
          return RUNNING_LIKE.indexOf(c.state) >= 0;
        });
        if (users.length && !force) self.refusal("rmi", "image-used", Object.assign(values, { container: users[0].id.slice(0, 12) }));
        if (running.length && force) self.refusal("rmi -f", "image-used-by-running", Object.assign(values, { container: running[0].id.slice(0, 12) }));
        image.refs.forEach(function (r) { out.push("Untagged: " + r); });
        image.refs = [];
        self.note("image:" + image.id, "image " + image.id + " lost its names");
        if (users.length) return; // forced: the layers stay, as a <none> image, while a container uses them
        self.deleteImage(image, out);
      });
    },
    build: function (p, out) {
      var b = this.model.build, self = this;
      if (p.args[0] !== ".") {
        throw new CliError(["ERROR: unable to prepare context: path \"" + p.args[0] + "\" not found"]);
      }
      var base = this.imageFor(b.from, out);
      var steps = b.steps.map(function (s) {
        return { id: hex(base.id + s.instruction, 12), made_by: s.instruction, size: s.size, files: s.files };
      });
      var name = p.flags.t || p.flags.tag;
      out.push("[+] Building 0.4s (" + (steps.length + 4) + "/" + (steps.length + 4) + ") FINISHED");
      out.push(" => [internal] load build definition from Dockerfile");
      out.push(" => [1/" + (steps.length + 1) + "] FROM docker.io/library/" + b.from + ":latest");
      steps.forEach(function (s, n) { out.push(" => [" + (n + 2) + "/" + (steps.length + 1) + "] " + s.made_by); });
      out.push(" => exporting to image");
      var image = this.addImage({ id: hex(steps.map(function (s) { return s.id; }).join(""), 12),
        layerSpecs: base.layers.map(function (l) { return self.layers[l]; }).concat(steps),
        command: b.command, ends: true, created: this.clock, prints: b.prints }, name ? ref(name) : null);
      image.prints = b.prints;
      out.push(" => => writing image sha256:" + full(image.id));
      if (name) out.push(" => => naming to docker.io/library/" + ref(name));
    },
    create: function (p, out) { return this.create(p, out); },
    run: function (p, out) {
      var c = this.create(p, out, true);
      this.move(c, "start");
      var image = this.images.filter(function (i) { return i.id === c.image; })[0];
      if (!p.flags.d && !p.flags.detach && image.prints && c.ends && !c.given) out.push(image.prints);
      this.settle(c);
      if (p.flags.d || p.flags.detach) out.push(c.id);
      else if (!c.ends) out.push("(lab: the container keeps running; the real CLI would stay attached to it until Ctrl-C)");
    },
    start: function (p, out) { this.each(p, out, "start", function (c) { if (this.move(c, "start")) this.settle(c); c.byHand = false; }); },
    stop: function (p, out) { this.each(p, out, "stop", function (c) { this.stopWith(c, "stop", 0); }); },
    kill: function (p, out) { this.each(p, out, "kill", function (c) { this.stopWith(c, "kill", 137); }); },
    pause: function (p, out) { this.each(p, out, "pause", function (c) { this.move(c, "pause"); }); },
    unpause: function (p, out) { this.each(p, out, "unpause", function (c) { this.move(c, "unpause"); }); },
    restart: function (p, out) {
      this.each(p, out, "restart", function (c) {
        this.move(c, "stop");
        c.exitCode = 0;
        if (this.move(c, "restart") || this.move(c, "start")) this.settle(c);
        c.byHand = false;
      });
    },
    rm: function (p, out) {
      var force = p.flags.f || p.flags.force;
      this.each(p, out, force ? "rm -f" : "rm", function (c) {
        if (force && this.remove(c, "rm -f")) return;
        if (!force) this.refuseFor("rm", c);
        this.remove(c, "rm");
      });
    },
    ps: function (p, out) {
      var self = this, all = p.flags.a || p.flags.all;
      var shown = this.containers.filter(function (c) { return all || RUNNING_LIKE.indexOf(c.state) >= 0; });
      if (p.flags.q || p.flags.quiet) { shown.forEach(function (c) { out.push(c.id.slice(0, 12)); }); return; }
      var rows = shown.slice().reverse().map(function (c) {
        var cmd = c.command.length > 20 ? c.command.slice(0, 19) + "\u2026" : c.command;
        var image = self.images.filter(function (i) { return i.id === c.image; })[0];
        return [c.id.slice(0, 12), image.refs.indexOf(ref(c.shown)) >= 0 ? c.shown : c.image, "\"" + cmd + "\"",
          humanDuration(self.clock - c.created) + " ago", self.status(c), "", c.name];
      });
      columns(["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"], rows)
        .forEach(function (l) { out.push(l); });
    },
    exec: function (p, out) {
      var c = this.container(p.args[0]);
      this.refuseFor("exec", c);
      var program = p.args[1], paths = p.args.slice(2), self = this;
      if (program === "touch") {
        if (!paths.length) { out.push("touch: missing file operand"); return; }
        paths.forEach(function (path) {
          c.files.add(path.replace(/^\/+/, ""));
          self.note("container:" + c.name, c.name + ": wrote /" + path.replace(/^\/+/, "") + " in its writable layer");
        });
      } else if (program === "ls") {
        var dir = (paths[0] || "/").replace(/^\/+|\/+$/g, "");
        var entries = this.filesOf(c).map(function (f) {
          if (dir && f.indexOf(dir + "/") !== 0) return null;
          return (dir ? f.slice(dir.length + 1) : f).split("/")[0];
        }).filter(Boolean);
        if (dir && !entries.length && this.filesOf(c).indexOf(dir) < 0) {
          out.push("ls: /" + dir + ": No such file or directory");
          return;
        }
        Array.from(new Set(entries)).sort().forEach(function (e) { out.push(e); });
      } else {
        throw new CliError(["OCI runtime exec failed: exec failed: unable to start container process: exec: \"" +
          program + "\": executable file not found in $PATH: unknown"]);
      }
    },
    diff: function (p, out) {
      var c = this.container(p.args[0]), below = this.imageFiles(c.image), lines = {};
      c.files.forEach(function (f) {
        var parts = f.split("/");
        for (var i = 1; i < parts.length; i++) {
          var dir = parts.slice(0, i).join("/");
          lines["/" + dir] = below.indexOf(dir) >= 0 || lines["/" + dir] === "C" ? "C" : "A";
        }
        lines["/" + f] = "A";
      });
      Object.keys(lines).sort().forEach(function (path) { out.push(lines[path] + " " + path); });
    },
    commit: function (p, out) {
      var c = this.container(p.args[0]), self = this, image = this.images.filter(function (i) { return i.id === c.image; })[0];
      var files = Array.from(c.files).sort();
      var layer = { id: hex(c.id + files.join(","), 12), made_by: "docker commit " + c.name, size: files.length ? "1kB" : "0B",
        files: files.length ? files : ["(no changes)"] };
      var made = this.addImage({ id: hex(layer.id, 12), layerSpecs: image.layers.map(function (l) { return self.layers[l]; }).concat([layer]),
        command: image.command, ends: image.ends, created: this.clock }, p.args[1] ? ref(p.args[1]) : null);
      out.push("sha256:" + full(made.id));
    },
    "container-prune": function (p, out) {
      var self = this, gone = [];
      this.containers.filter(function (c) { return RUNNING_LIKE.indexOf(c.state) < 0; }).forEach(function (c) {
        if (self.remove(c, "rm")) gone.push(c.id);
      });
      this.pruned(p, out, "WARNING! This will remove all stopped containers.", "Deleted Containers:", gone);
    },
    "image-prune": function (p, out) {
      var self = this, gone = [], all = p.flags.a || p.flags.all;
      this.images.filter(function (i) { return (all || !i.refs.length) && !self.usersOf(i.id).length; })
        .forEach(function (i) { gone = gone.concat(self.deleteImage(i, null)); });
      this.pruned(p, out, all ? "WARNING! This will remove all images without at least one container associated to them."
        : "WARNING! This will remove all dangling images.", "Deleted Images:", gone);
    },
    lab: function (p, out) {
      if (p.args[0] === "restart-daemon" && !p.args[1]) {
        this.restartDaemon();
        out.push("lab: the Docker daemon stopped and started again");
        return;
      }
      if (p.args[0] !== "break" || !p.args[1]) throw new CliError(["lab: usage: lab break CONTAINER, lab restart-daemon"]);
      var c = this.container(p.args[1]);
      c.broken = true;
      out.push("lab: the next restart attempt or removal of " + c.name + " will fail");
    }
  };

  Docker.prototype.create = function (p, out, running) {
    var self = this, name = p.flags.name, restart = p.flags.restart || "no";
    if (!/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(restart)) {
      throw new CliError(["docker: invalid restart policy '" + restart + "'", "See 'docker " + (running ? "run" : "create") + " --help'."]);
    }
    if (name) {
      var taken = this.containers.filter(function (c) { return c.name === name; })[0];
      if (taken) this.refusal("create", "name-taken", { name: name, container: taken.id });
    }
    var image = this.imageFor(p.args[0], out);
    var given = p.args.slice(1).join(" ");
    var c = { id: full(hex("container" + this.made, 12)), name: name || NAMES[this.made % NAMES.length] + (this.made >= NAMES.length ? this.made : ""),
      image: image.id, shown: p.args[0], command: given || image.command, given: Boolean(given),
      ends: given ? !/^(sleep|top|tail)\b/.test(given) : image.ends, state: this.model.before,
      created: this.clock, restart: restart, autoRemove: Boolean(p.flags.rm), files: new Set(), exitCode: 0 };
    this.made++;
    this.containers.push(c);
    this.move(c, "create");
    if (!running) out.push(c.id);
    return c;
  };

  // Run `action` on each named container; a refusal for one is reported and the others go on.
  Docker.prototype.each = function (p, out, command, action) {
    var self = this, failed = [];
    p.args.forEach(function (key) {
      try {
        var c = self.container(key);
        if (command !== "rm" && command !== "rm -f") self.refuseFor(command.split(" ")[0], c);
        action.call(self, c);
        out.push(key);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        error.lines.forEach(function (l) { out.push(l); });
        failed.push(key);
      }
    });
    if (failed.length) {
      throw new CliError(command === "start" ? ["Error: failed to start containers: " + failed.join(", ")] : []);
    }
  };

  Docker.prototype.stopWith = function (c, label, code) {
    if (this.move(c, label)) {
      c.exitCode = c.ends ? 0 : code;
      c.byHand = true;
      this.settle(c);
    }
  };

  Docker.prototype.pruned = function (p, out, warning, heading, ids) {
    if (!(p.flags.f || p.flags.force)) out.push(warning, "Are you sure you want to continue? [y/N] y");
    if (ids.length) out.push(heading);
    ids.forEach(function (id) { out.push(heading === "Deleted Images:" ? "deleted: sha256:" + full(id.slice(0, 12)) : id); });
    if (ids.length) out.push("");
    out.push("Total reclaimed space: 0B");
  };

  Docker.prototype.deleteImage = function (image, out) {
    var self = this;
    this.images = this.images.filter(function (i) { return i !== image; });
    var freed = image.layers.filter(function (l) {
      return !self.images.some(function (i) { return i.layers.indexOf(l) >= 0; });
    });
    freed.forEach(function (l) { delete self.layers[l]; });
    this.note("image:" + image.id, "image " + image.id + " deleted; " + freed.length + " layer(s) freed");
    var ids = [image.id].concat(freed);
    if (out) ids.forEach(function (id) { out.push("Deleted: sha256:" + full(id)); });
    return ids;
  };

  Docker.prototype.imageFiles = function (imageId) {
    var self = this, image = this.images.filter(function (i) { return i.id === imageId; })[0];
    return [].concat.apply([], image.layers.map(function (l) { return self.layers[l].files; }));
  };

  Docker.prototype.filesOf = function (c) {
    return this.imageFiles(c.image).concat(Array.from(c.files));
  };

  Docker.prototype.status = function (c) {
    var ago = humanDuration(this.clock - (c.state === "exited" ? c.finished : c.started));
    return {
      created: "Created", running: "Up " + ago, paused: "Up " + ago + " (Paused)",
      restarting: "Restarting (" + c.exitCode + ") Less than a second ago",
      exited: "Exited (" + c.exitCode + ") " + ago + " ago", removing: "Removal In Progress", dead: "Dead"
    }[c.state] || c.state;
  };

  // Run one command line; returns {lines, failed}. Never throws for bad input.
  Docker.prototype.run = function (line) {
    this.changes = [];
    this.touched = {};
    var argv = words(line.trim());
    if (argv[0] === "docker") argv.shift();
    if (!argv.length) return { lines: [], failed: false };
    if (argv[0] === "reset") { this.reset(); return { lines: ["Lab reset: no images, no containers."], failed: false, reset: true }; }
    var name = argv[0], rest = argv.slice(1);
    var two = argv.slice(0, 2).join(" ");
    if (ALIASES[two]) { name = ALIASES[two]; rest = argv.slice(2); } else if (argv[0] === "container" && this.commands[argv[1]]) {
      name = argv[1]; rest = argv.slice(2);
    }
    var out = [];
    if (!this.commands[name] || /-prune$/.test(name) && !ALIASES[two]) {
      return { lines: ["docker: unknown command: docker " + argv.join(" ").split(" ").slice(0, 2).join(" ").replace(/ -.*/, ""),
        "", "Run 'docker --help' for more information (here: help)"], failed: true };
    }
    try {
      if (name !== "help" && name !== "lab") this.tick();
      var parsed = parse(/-prune$/.test(name) ? "prune" : name, rest);
      this.commands[name].call(this, parsed, out);
      return { lines: out, failed: false };
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      return { lines: out.concat(error.lines), failed: true };
    }
  };

  // ---- the page: command line, output, picture -----------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function Lab(model) {
    this.docker = new Docker(model);
    this.model = model;
    this.history = [];
    this.back = 0;
    this.build();
    this.draw();
  }

  Lab.prototype.build = function () {
    var self = this;
    this.output = el("div", { "class": "lab-output", role: "log", "aria-live": "polite", "aria-label": "Command output", tabindex: "0" });
    this.input = el("input", { type: "text", id: "lab-command", "class": "lab-input", autocomplete: "off",
      autocapitalize: "off", spellcheck: "false", enterkeyhint: "go", "aria-describedby": "lab-command-hint" });
    var form = el("form", { "class": "lab-form" }, [
      el("label", { "for": "lab-command", "class": "lab-prompt", text: "$ docker" }), this.input,
      el("button", { type: "submit", "class": "md-button lab-button", text: "Run" })]);
    var hint = el("p", { id: "lab-command-hint", "class": "lab-hint",
      text: "Type a command, for example: run -d --name web nginx. Up and Down arrows recall earlier commands; help lists them all." });
    this.changes = el("p", { "class": "lab-changes", role: "status" });
    this.picture = el("div", { "class": "lab-picture" });
    var terminal = el("section", { "class": "lab-terminal", "aria-labelledby": "lab-terminal-title" }, [
      el("h2", { id: "lab-terminal-title", text: "Command line" }), this.output, form, hint]);
    var picture = el("section", { "class": "lab-view", "aria-labelledby": "lab-picture-title" }, [
      el("h2", { id: "lab-picture-title", text: "What Docker holds now" }), this.changes, this.picture]);
    root.appendChild(terminal);
    root.appendChild(picture);
    root.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var line = self.input.value;
      self.input.value = "";
      if (line.trim()) { self.history.push(line); }
      self.back = 0;
      self.enter(line);
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
      event.preventDefault();
      self.back = Math.max(0, Math.min(self.history.length, self.back + (event.key === "ArrowUp" ? 1 : -1)));
      self.input.value = self.back ? self.history[self.history.length - self.back] : "";
    });
  };

  Lab.prototype.enter = function (line) {
    var result = this.docker.run(line);
    if (result.reset) this.output.textContent = "";
    say(this.output, line, result);
    this.draw();
    return result;
  };

  // Append a command and what it printed to the output log `output`.
  function say(output, line, result) {
    output.appendChild(el("div", { "class": "lab-entry" + (result.failed ? " lab-entry--failed" : "") }, [
      el("pre", { "class": "lab-typed", text: "$ docker " + line.trim().replace(/^docker\s+/, "") }),
      result.lines.length ? el("pre", { "class": "lab-said", text: result.lines.join("\n") }) : null]));
    output.scrollTop = output.scrollHeight;
  }

  Lab.prototype.draw = function () { draw(this.docker, this.model, this.changes, this.picture); };

  // The picture of what `d` holds, into `picture`; what the last command changed, into `changes`.
  function draw(d, model, changes, picture) {
    var touched = d.touched;
    changes.textContent = d.changes.length ? "Changed: " + d.changes.join("; ") + "." : "Nothing changed.";
    picture.textContent = "";
    function mark(node, key) {
      if (touched[key]) { node.classList.add("lab-changed"); node.appendChild(el("span", { "class": "lab-flag", text: " (changed)" })); }
      return node;
    }
    // The lifecycle, with each container marked in its current state.
    var states = el("ol", { "class": "lab-states", "aria-label": "Container states" });
    model.states.forEach(function (s) {
      var here = d.containers.filter(function (c) { return c.state === s; }).map(function (c) { return c.name; });
      states.appendChild(el("li", { "data-state-name": s, "class": here.length ? "lab-current" : "" }, [
        el("span", { "class": "lab-state", text: s }), here.length ? el("span", { text: ": " + here.join(", ") }) : null]));
    });
    picture.appendChild(el("h3", { text: "Lifecycle" }));
    picture.appendChild(states);
    // Containers: state, image, writable layer.
    picture.appendChild(el("h3", { text: "Containers" }));
    var list = el("ul", { "class": "lab-containers" });
    d.containers.forEach(function (c) {
      var image = d.images.filter(function (i) { return i.id === c.image; })[0];
      var files = Array.from(c.files).sort();
      list.appendChild(mark(el("li", { "data-container": c.name, "data-id": c.id, "data-state": c.state, "data-files": files.join(" "),
        "data-layers": image.layers.join(" ") }, [
        el("strong", { text: c.name }), el("span", { text: " \u2014 " + c.state + ", from " + (image.refs[0] || "<none> " + image.id) }),
        el("span", { "class": "lab-writable", text: "Writable layer: " + (files.length ? files.map(function (f) { return "/" + f; }).join(", ") : "empty") }),
        el("span", { "class": "lab-writable", text: "On the image's read-only layers: " + image.layers.join(", ") })
      ]), "container:" + c.name));
    });
    picture.appendChild(d.containers.length ? list : el("p", { text: "No containers." }));
    // Images, each a stack of layer IDs, and every layer once with the images that share it.
    picture.appendChild(el("h3", { text: "Images" }));
    var images = el("ul", { "class": "lab-images" });
    d.images.forEach(function (i) {
      var stack = el("ol", { "class": "lab-stack", reversed: "", "aria-label": "Layers, top first" });
      i.layers.slice().reverse().forEach(function (l) { stack.appendChild(el("li", { text: l })); });
      images.appendChild(mark(el("li", { "data-image": i.refs.join(" ") || "<none>", "data-id": i.id, "data-layers": i.layers.join(" ") }, [
        el("strong", { text: i.refs.join(", ") || "<none>" }), el("span", { text: " " + i.id }), stack]), "image:" + i.id));
    });
    picture.appendChild(d.images.length ? images : el("p", { text: "No images." }));
    picture.appendChild(el("h3", { text: "Read-only layers (each stored once)" }));
    var layers = el("ul", { "class": "lab-layers" });
    Object.keys(d.layers).forEach(function (id) {
      var users = d.images.filter(function (i) { return i.layers.indexOf(id) >= 0; })
        .map(function (i) { return i.refs[0] || "<none>"; });
      layers.appendChild(el("li", { "data-layer": id, "data-users": String(users.length) }, [
        el("code", { text: id }), el("span", { text: " " + d.layers[id].made_by + " (" + d.layers[id].size + "), used by " + users.join(", ") })]));
    });
    picture.appendChild(Object.keys(d.layers).length ? layers : el("p", { text: "No layers." }));
  }

  // ---- exercises: predict, then run ----------------------------------------------------------

  // Turn an exercise's list of choices (in `node`, whose id names the radio buttons) into a radio
  // group and hide its answer; returns the group, or null when the markup is not there.
  function choices(node) {
    var list = node.querySelector("ol"), answer = node.querySelector(".lab-answer");
    if (!list || !answer) return null;
    answer.hidden = true;
    var fieldset = el("fieldset", { "class": "lab-choices" }, [el("legend", { text: "Your prediction" })]);
    Array.prototype.forEach.call(list.children, function (item, n) {
      var id = node.id + "-choice-" + (n + 1);
      var label = el("label", { "for": id });
      label.innerHTML = item.innerHTML;
      fieldset.appendChild(el("div", { "class": "lab-choice" }, [
        el("input", { type: "radio", name: node.id, id: id, value: String(n + 1) }), label]));
    });
    list.replaceWith(fieldset);
    return fieldset;
  }

  // Say whether the prediction `chosen` was right for `ex`, with what Docker printed, and show the answer.
  function verdict(node, feedback, ex, chosen, result) {
    var right = Number(chosen.value) === ex.answer;
    feedback.textContent = (right ? "Right." : "Not quite: the answer is " + ex.answer + ".") + " Docker printed:";
    feedback.appendChild(el("pre", { "class": "lab-said", text: ["$ docker " + ex.command].concat(result.lines).join("\n") }));
    feedback.className = "lab-feedback " + (right ? "lab-feedback--right" : "lab-feedback--wrong");
    node.querySelector(".lab-answer").hidden = false;
  }

  Lab.prototype.exercise = function (node, ex) {
    var self = this, fieldset = choices(node);
    if (!fieldset) return;
    var feedback = el("div", { "class": "lab-feedback", role: "status" });
    var setup = el("button", { type: "button", "class": "md-button lab-button lab-setup", text: "Set up" });
    var run = el("button", { type: "button", "class": "md-button md-button--primary lab-button lab-run", text: "Run docker " + ex.command });
    fieldset.after(el("div", { "class": "lab-actions" }, [setup, run]), feedback);
    setup.addEventListener("click", function () { self.setUp(ex); feedback.textContent = "Set up: see the command line and the picture above."; });
    run.addEventListener("click", function () {
      var chosen = node.querySelector("input[type=radio]:checked");
      if (!chosen) { feedback.textContent = "Choose your prediction first."; return; }
      self.setUp(ex);
      verdict(node, feedback, ex, chosen, self.enter(ex.command));
    });
  };

  Lab.prototype.setUp = function (ex) {
    var self = this;
    this.enter("reset");
    ex.setup.forEach(function (line) { self.enter(line); });
  };

  // ---- an embedded lab: one scenario of lab.yml's `embeds`, run step by step -----------------

  function Embed(node, model, spec) {
    var self = this;
    this.node = node;
    this.spec = spec;
    this.model = model;
    this.docker = new Docker(model);
    this.next = 0;
    this.items = Array.prototype.slice.call(node.querySelector(":scope > ol").children);
    this.exercise = node.querySelector(".lab-exercise");
    this.asked = spec.steps.filter(function (s) { return s.predict; }).map(function (s) {
      return model.exercises.filter(function (ex) { return ex.id === s.predict; })[0];
    })[0];
    if (this.exercise && this.asked && choices(this.exercise)) {
      this.feedback = el("div", { "class": "lab-feedback", role: "status" });
      this.exercise.appendChild(this.feedback);
    }
    var title = node.querySelector("h2");
    this.runButton = el("button", { type: "button", "class": "md-button md-button--primary lab-button lab-next" });
    this.resetButton = el("button", { type: "button", "class": "md-button lab-button lab-reset", text: "Start over" });
    this.output = el("div", { "class": "lab-output lab-output--embed", role: "log", "aria-live": "polite", tabindex: "0",
      "aria-label": "Command output" + (title ? ": " + title.textContent : "") });
    this.changes = el("p", { "class": "lab-changes", role: "status" });
    this.picture = el("div", { "class": "lab-picture" });
    node.appendChild(el("div", { "class": "lab-embed-live" }, [
      el("div", { "class": "lab-actions" }, [this.runButton, this.resetButton]), this.output,
      el("h3", { text: "What Docker holds now" }), this.changes, this.picture]));
    this.runButton.addEventListener("click", function () { self.step(); });
    this.resetButton.addEventListener("click", function () { self.reset(); });
    node.classList.add("lab-embed--live");
    this.update();
  }

  Embed.prototype.update = function () {
    var self = this, steps = this.spec.steps, next = steps[this.next];
    this.items.forEach(function (item, n) {
      item.classList.toggle("lab-step--done", n < self.next);
      if (n === self.next) item.setAttribute("aria-current", "step"); else item.removeAttribute("aria-current");
      var shows = item.querySelector(".lab-shows");
      if (shows) shows.hidden = n >= self.next; // what a step shows is said once it has run
    });
    this.runButton.textContent = next ? "Run step " + (this.next + 1) + ": docker " + next.command : "All steps run";
    this.runButton.disabled = !next;
    draw(this.docker, this.model, this.changes, this.picture);
    this.mark();
  };

  // On a page with the lifecycle's state diagram (drawn at build time, shown in a shadow root so
  // the page's styles do not reach it), outline the states the containers are in; the picture's
  // list of states says the same in words.
  Embed.prototype.mark = function () {
    var here = this.docker.containers.map(function (c) { return c.state; });
    Array.prototype.forEach.call(document.querySelectorAll("div.mermaid"), function (diagram) {
      var nodes = diagram.shadowRoot ? diagram.shadowRoot.querySelectorAll("g.node[id*='-state-']") : [];
      Array.prototype.forEach.call(nodes, function (g) {
        var m = /-state-([a-z]+)-\d+$/.exec(g.id), on = Boolean(m) && here.indexOf(m[1]) >= 0;
        g.classList.toggle("lab-diagram-current", on);
        Array.prototype.forEach.call(g.querySelectorAll("rect, path"), function (shape) {
          shape.style.stroke = on ? "var(--md-accent-fg-color)" : "";
          shape.style.strokeWidth = on ? "4px" : "";
        });
      });
    });
  };

  Embed.prototype.step = function () {
    var step = this.spec.steps[this.next];
    if (!step) return;
    var chosen = step.predict && this.feedback ? this.exercise.querySelector("input[type=radio]:checked") : null;
    if (step.predict && this.feedback && !chosen) {
      this.feedback.textContent = "Choose your prediction first.";
      this.exercise.querySelector("input[type=radio]").focus();
      return;
    }
    var result = this.docker.run(step.command);
    say(this.output, step.command, result);
    if (chosen) verdict(this.exercise, this.feedback, this.asked, chosen, result);
    this.next++;
    this.update();
    if (!this.spec.steps[this.next]) this.resetButton.focus();
  };

  Embed.prototype.reset = function () {
    this.docker.reset();
    this.next = 0;
    this.output.textContent = "";
    if (this.feedback) {
      this.feedback.textContent = "";
      this.feedback.className = "lab-feedback";
      this.exercise.querySelector(".lab-answer").hidden = true;
    }
    this.update();
    this.runButton.focus();
  };

  function start(model) {
    if (root) {
      var lab = new Lab(model);
      model.exercises.forEach(function (ex) {
        var node = document.getElementById("lab-" + ex.id);
        if (node) lab.exercise(node, ex);
      });
      root.classList.add("lab-app--live");
    }
    Array.prototype.forEach.call(embeds, function (node) {
      var spec = model.embeds.filter(function (e) { return e.id === node.getAttribute("data-embed"); })[0];
      if (spec) new Embed(node, model, spec);
    });
  }

  fetch(DATA_URL).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(start).catch(function () {
    if (!root) return; // an embed keeps its steps and answers, readable as they are
    root.hidden = false;
    root.textContent = "The lab could not load its data; reload the page. The exercises below still show their answers.";
  });
})();
