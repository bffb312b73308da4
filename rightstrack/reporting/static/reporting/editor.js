/* rightstrack — the report writing page's editor. Plain JavaScript, no build step.
 *
 * On the writing page (#report-form with #rt-editor-config): each section becomes a Quill editor; what the
 * writer changes is autosaved every few seconds and when they leave a section, on the version they read. When
 * someone else saved meanwhile (409), the server merges (services/conflicts.py) and says, part by part, what to
 * take and what clashes; this script applies that answer but never replaces text typed after the save left:
 * such a part keeps the writer's text, with the newer text beside it when the two differ. A copy of unsaved
 * text is kept in this browser so a crash loses nothing. Without this script the page is a plain form.
 *
 * By keyboard: Tab and Shift+Tab (and Escape) leave a section's text, as in any other box; a tab character is
 * typed with Ctrl+] or the toolbar's tab button. Each toolbar is one Tab stop whose controls the arrow keys
 * move between; the text style menu opens with Enter, Space or the down arrow and is walked with the arrows.
 * The form is sent through rightstrackForms.markSending (forms.js, loaded on every page).
 */
(function () {
  "use strict";

  var DRAFT_PREFIX = "rightstrack:report-draft:";
  var FORMATS = ["header", "bold", "italic", "underline", "link", "list", "indent", "blockquote", "table"];
  var TOOLBAR = [
    [{ header: [2, 3, 4, false] }],
    ["bold", "italic", "underline"],
    [{ list: "ordered" }, { list: "bullet" }],
    ["link", "clean"],
    ["tab"],
  ];
  // Quill's own bindings that make Tab type or indent instead of leaving the box.
  var TAB_BINDINGS = ["indent", "outdent", "indent code-block", "outdent code-block", "remove tab", "tab", "table tab"];
  var TAB_ICON = '<svg viewBox="0 0 18 18" aria-hidden="true" focusable="false">' +
    '<line class="ql-stroke" x1="2" x2="12" y1="9" y2="9"/><polyline class="ql-stroke" points="8 5 12 9 8 13"/>' +
    '<line class="ql-stroke" x1="15" x2="15" y1="4" y2="14"/></svg>';
  var TABBABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), " +
    "select:not([disabled]), textarea:not([disabled]), [tabindex], [contenteditable=true]";

  function fill(text, values) {
    return String(text).replace(/%\((\w+)\)s/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  }

  function clockTime(date) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  function markSending(form, submitter) {
    if (window.rightstrackForms) window.rightstrackForms.markSending(form, submitter);
    else form.dataset.sending = "1";
  }

  /** The element Tab would reach from ``from`` (``back``: Shift+Tab), skipping what cannot take focus. */
  function nextTabStop(from, back) {
    var stops = Array.prototype.filter.call(document.querySelectorAll(TABBABLE), function (el) {
      if (el.tabIndex < 0 || el.closest("[hidden], [inert], [aria-hidden=true]")) return false;
      return window.getComputedStyle(el).visibility !== "hidden" && el.getClientRects().length > 0;
    }).filter(function (el) {
      var position = from.compareDocumentPosition(el);
      if (position & Node.DOCUMENT_POSITION_CONTAINED_BY) return false;  // inside ``from`` itself
      return back ? position & Node.DOCUMENT_POSITION_PRECEDING : position & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    return back ? stops[stops.length - 1] : stops[0];
  }

  // The editor ----------------------------------------------------------------------------------------

  function Editor(form, config) {
    this.form = form;
    this.config = config;
    this.S = config.strings;
    this.versionInput = form.querySelector("input[name=expected_version]");
    this.version = Number(this.versionInput.value) || config.version;
    this.status = document.getElementById("rt-save-status");
    this.fields = [];
    this.inFlight = false;
    this.again = false;
    this.stopped = false;
    this.pendingSubmit = null;
    this.sending = false;
    this.lastStatus = "";
    this.scratch = this.makeQuill(document.createElement("div"), false);
  }

  Editor.prototype.makeQuill = function (host, withToolbar) {
    var self = this;
    var bindings = {};
    TAB_BINDINGS.forEach(function (name) { bindings[name] = false; });  // Tab leaves, as in any other box
    bindings["rt leave"] = {
      key: "Escape",
      handler: function () {
        var next = nextTabStop(this.quill.container, false) || nextTabStop(this.quill.container, true);
        if (next) next.focus();
        else this.quill.blur();
        return false;
      },
    };
    bindings["rt tab"] = {
      key: "]",
      ctrlKey: true,
      handler: function (range) { insertTab(this.quill, range); return false; },
    };
    var quill = new window.Quill(host, {
      theme: withToolbar ? "snow" : undefined,
      formats: FORMATS,
      placeholder: withToolbar ? this.S.placeholder : "",
      modules: {
        toolbar: withToolbar ? {
          container: TOOLBAR,
          handlers: { tab: function () { insertTab(this.quill, this.quill.getSelection(true)); } },
        } : false,
        table: true,
        keyboard: { bindings: bindings },
      },
    });
    // h2–h4 only: h1 is the page's own and h5/h6 would not survive the server's cleaning.
    quill.clipboard.addMatcher(Node.ELEMENT_NODE, function (node, delta) {
      delta.ops.forEach(function (op) {
        if (op.attributes && op.attributes.header) {
          op.attributes.header = Math.min(4, Math.max(2, Number(op.attributes.header) || 2));
        }
      });
      return delta;
    });
    if (withToolbar) {
      // Wherever the caret goes, it stays clear of the sticky toolbar above and the save bar below.
      quill.on("selection-change", function (range) {
        if (range) window.requestAnimationFrame(function () { self.keepInView(quill.root); });
      });
    }
    return quill;
  };

  function insertTab(quill, range) {
    if (!range) return;
    quill.history.cutoff();
    quill.deleteText(range.index, range.length, "user");
    quill.insertText(range.index, "\t", "user");
    quill.history.cutoff();
    quill.setSelection(range.index + 1, 0, "silent");
  }

  /** Scroll so that ``target`` (in a section's text: the caret) is clear of the sticky toolbar of its
   *  section and of the save bar (WCAG 2.4.11): the browser's own scrolling to focus does not know them. */
  Editor.prototype.keepInView = function (target) {
    var rect = target.getBoundingClientRect();
    var quill = null;
    this.fields.forEach(function (field) { if (field.quill && field.quill.root === target) quill = field.quill; });
    if (quill) {
      var range = quill.getSelection();
      if (!range) return;
      var caret = quill.getBounds(range.index, range.length);
      var host = quill.container.getBoundingClientRect();
      rect = { top: host.top + caret.top, bottom: host.top + caret.top + caret.height };
    }
    var main = target.closest(".rt-edit-main");
    var toolbar = main && main.querySelector(".ql-toolbar");
    var top = toolbar && !toolbar.contains(target) ? Math.max(0, toolbar.getBoundingClientRect().bottom) : 0;
    var bar = this.form.querySelector(".rt-editbar");
    var bottom = window.innerHeight;
    if (bar && !bar.contains(target) && bar.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING) {
      bottom = Math.min(bottom, bar.getBoundingClientRect().top);
    }
    var margin = 8;
    if (rect.top < top + margin && rect.bottom - rect.top < bottom - top) {
      window.scrollBy(0, rect.top - top - margin);
    } else if (rect.bottom > bottom - margin) {
      window.scrollBy(0, Math.min(rect.bottom - bottom + margin, rect.top - top - margin));
    }
  };

  /** The page keeps a margin the height of the sticky toolbar above and the save bar below, so that the
   *  browser (moving focus) and Quill (moving the caret) never leave what has focus underneath them. */
  Editor.prototype.measureStickies = function () {
    var toolbar = this.form.querySelector(".ql-toolbar");
    var bar = this.form.querySelector(".rt-editbar");
    var gap = 8;
    this.stickyTop = toolbar ? Math.ceil(toolbar.getBoundingClientRect().height) + gap : 0;
    this.stickyBottom = bar ? Math.ceil(bar.getBoundingClientRect().height) + gap : 0;
    [document.documentElement, document.body].forEach(function (element) {
      element.style.scrollPaddingTop = this.stickyTop + "px";
      element.style.scrollPaddingBottom = this.stickyBottom + "px";
    }, this);
  };

  /** Quill's tables have plain cells only: header cells become bold plain cells (else Quill would run a
   *  header row together into one cell). Says whether the table had merged cells, which Quill cannot keep. */
  function forQuill(html) {
    if (!html || !/<t[dh][\s>]/i.test(html)) return { html: html || "", merged: false };
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");  // inert: no scripts
    var merged = !!doc.querySelector("td[colspan], td[rowspan], th[colspan], th[rowspan]");
    doc.querySelectorAll("th").forEach(function (header) {
      var cell = doc.createElement("td");
      var strong = doc.createElement("strong");
      while (header.firstChild) strong.appendChild(header.firstChild);
      cell.appendChild(strong);
      header.replaceWith(cell);
    });
    return { html: doc.body.innerHTML, merged: merged };
  }

  Editor.prototype.setHtml = function (quill, html) {
    var prepared = forQuill(html);
    quill.setContents(quill.clipboard.convert({ html: prepared.html, text: "" }), "api");
    return prepared.merged;
  };

  Editor.prototype.htmlOf = function (quill) {
    if (quill.getLength() <= 1 && !quill.root.querySelector("table")) return "";
    // Quill 2.0.3 writes every space as &nbsp;, which would stop lines from wrapping.
    return quill.getSemanticHTML().replace(/&nbsp;/g, " ").replace(/\u00a0/g, " ");
  };

  Editor.prototype.normalise = function (html) {
    this.setHtml(this.scratch, html);
    return this.htmlOf(this.scratch);
  };

  Editor.prototype.start = function () {
    var self = this;
    this.form.querySelectorAll("[data-editor]").forEach(function (section) { self.addSection(section); });
    this.form.querySelectorAll("[data-figure]").forEach(function (row) { self.addFigure(row); });
    this.form.querySelectorAll("[data-extension-input]").forEach(function (input) { self.addExtra(input); });
    this.form.addEventListener("submit", function (event) { self.onSubmit(event); });
    window.setInterval(function () { self.save(); }, this.config.intervalMs || 20000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { self.keepDraft(); self.save(); }
    });
    window.addEventListener("beforeunload", function (event) {
      if (self.sending || !self.anyDirty()) return;
      self.keepDraft();
      event.preventDefault();
      event.returnValue = "";
    });
    this.measureStickies();
    window.addEventListener("resize", function () { self.measureStickies(); });
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (self.form.contains(target)) window.requestAnimationFrame(function () { self.keepInView(target); });
    });
    this.offerDraft();
    this.refreshStatus();
  };

  Editor.prototype.addSection = function (section) {
    var self = this;
    var textarea = section.querySelector(".rt-edit-main textarea");
    var host = section.querySelector("[data-role=host]");
    if (!textarea || !host) return;
    host.hidden = false;
    textarea.hidden = true;
    var quill = this.makeQuill(host, true);
    var merged = this.setHtml(quill, textarea.value);
    var title = section.getAttribute("aria-labelledby");
    quill.root.setAttribute("role", "textbox");
    quill.root.setAttribute("aria-multiline", "true");
    if (title) quill.root.setAttribute("aria-labelledby", title);
    if (textarea.getAttribute("aria-describedby")) {
      quill.root.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
    }
    this.labelToolbar(quill, section);
    var label = section.querySelector("label[for='" + textarea.id + "']");
    if (label) label.addEventListener("click", function (event) { event.preventDefault(); quill.focus(); });
    var field = {
      kind: "html",
      name: section.dataset.field,
      section: section,
      textarea: textarea,
      quill: quill,
      base: this.htmlOf(quill),
      forced: section.hasAttribute("data-dirty"),
      conflict: false,
      theirs: "",
    };
    var theirsSource = section.querySelector("textarea[data-role=theirs]");
    if (section.hasAttribute("data-conflict") && theirsSource) {
      field.theirs = theirsSource.value;
      field.base = this.normalise(field.theirs);
      field.conflict = true;
    }
    if (merged) this.note(field, this.S.mergedCells);
    quill.on("text-change", function () { self.changed(field); });
    quill.on("selection-change", function (range, oldRange) {
      if (range === null && oldRange !== null) self.save();  // left the section
    });
    this.bindConflict(field);
    this.fields.push(field);
  };

  Editor.prototype.labelToolbar = function (quill, section) {
    var S = this.S;
    var toolbar = quill.getModule("toolbar");
    if (!toolbar) return;
    var bar = toolbar.container;
    bar.setAttribute("role", "toolbar");
    var heading = section.querySelector(".rt-edit-title");
    bar.setAttribute("aria-label", S.toolbar + (heading ? " — " + heading.textContent.trim() : ""));
    var names = {
      ".ql-bold": S.bold, ".ql-italic": S.italic, ".ql-underline": S.underline,
      ".ql-list[value=ordered]": S.ordered, ".ql-list[value=bullet]": S.bullet,
      ".ql-link": S.link, ".ql-clean": S.clean, ".ql-tab": S.tab,
    };
    Object.keys(names).forEach(function (selector) {
      bar.querySelectorAll("button" + selector).forEach(function (button) {
        button.setAttribute("aria-label", names[selector]);
        button.setAttribute("title", names[selector]);
      });
    });
    bar.querySelectorAll("button.ql-tab").forEach(function (button) { button.innerHTML = TAB_ICON; });
    this.stylePicker(bar);
    this.rovingFocus(bar);
    this.linkBox(quill);
  };

  /** Quill's "text style" picker as a menu: every item named, the arrow keys move between them. */
  Editor.prototype.stylePicker = function (bar) {
    var S = this.S;
    var levels = { "2": S.heading2, "3": S.heading3, "4": S.heading4 };
    bar.querySelectorAll(".ql-picker.ql-header").forEach(function (picker) {
      var label = picker.querySelector(".ql-picker-label");
      var menu = picker.querySelector(".ql-picker-options");
      var items = Array.prototype.slice.call(picker.querySelectorAll(".ql-picker-item"));
      menu.setAttribute("role", "menu");
      menu.setAttribute("aria-label", S.textStyle);
      label.setAttribute("aria-haspopup", "menu");
      items.forEach(function (item) {
        var name = levels[item.getAttribute("data-value")] || S.normal;
        item.setAttribute("data-label", name);
        item.setAttribute("aria-label", name);
        item.setAttribute("role", "menuitemradio");
        item.tabIndex = -1;
      });
      var named = function () {
        var current = picker.querySelector(".ql-picker-item.ql-selected");
        items.forEach(function (item) { item.setAttribute("aria-checked", String(item === current)); });
        var shown = current ? current.getAttribute("data-label") : S.normal;
        label.setAttribute("data-label", shown);
        label.setAttribute("aria-label", S.textStyle + ": " + shown);
      };
      named();
      // Quill marks the item of the line the caret is on; the name follows it.
      new MutationObserver(named).observe(menu, { subtree: true, attributes: true, attributeFilter: ["class"] });
      var isOpen = function () { return picker.classList.contains("ql-expanded"); };
      var focusCurrent = function () {
        (picker.querySelector(".ql-picker-item.ql-selected") || items[0]).focus();
      };
      label.addEventListener("keydown", function (event) {
        if (event.key === " " || event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          if (!isOpen()) label.dispatchEvent(new MouseEvent("mousedown"));  // Quill's own toggle
          focusCurrent();
        } else if (event.key === "Enter" && isOpen()) {
          focusCurrent();  // Quill has just opened it (its listener runs first)
        }
      });
      var close = function () {
        picker.classList.remove("ql-expanded");
        label.setAttribute("aria-expanded", "false");
        menu.setAttribute("aria-hidden", "true");
      };
      // Escape closes the menu and returns to its button at once, before Quill's own handler (which would
      // move focus a moment later, after a quick next key).
      menu.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        close();
        label.focus();
      }, true);
      menu.addEventListener("keydown", function (event) {
        var index = items.indexOf(document.activeElement);
        var move = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 }[event.key];
        if (move !== undefined) {
          event.preventDefault();
          items[(move + items.length) % items.length].focus();
        } else if (event.key === " ") {
          event.preventDefault();
          document.activeElement.click();
        } else if (event.key === "Tab") {
          close();  // leaving the menu closes it
          label.focus();  // and Tab goes on from the toolbar, as from any of its controls
        }
      });
    });
  };

  /** A toolbar is one Tab stop (WAI-ARIA toolbar pattern): Left/Right/Home/End move between its controls. */
  Editor.prototype.rovingFocus = function (bar) {
    var controls = Array.prototype.slice.call(bar.querySelectorAll("button, .ql-picker-label"));
    if (!controls.length) return;
    var current = controls[0];
    var make = function (active) {
      current = active;
      controls.forEach(function (control) { control.tabIndex = control === active ? 0 : -1; });
    };
    make(current);
    bar.addEventListener("focusin", function (event) {
      if (controls.indexOf(event.target) >= 0) make(event.target);
    });
    bar.addEventListener("keydown", function (event) {
      var index = controls.indexOf(event.target);
      if (index < 0) return;  // inside the open style menu
      var move = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: controls.length - 1 }[event.key];
      if (move === undefined) return;
      event.preventDefault();
      var target = controls[(move + controls.length) % controls.length];
      make(target);
      target.focus();
    });
  };

  /** Quill's link box: named actions, our own placeholder, usable by keyboard. */
  Editor.prototype.linkBox = function (quill) {
    var S = this.S;
    var tooltip = quill.theme && quill.theme.tooltip && quill.theme.tooltip.root;
    if (!tooltip) return;
    tooltip.setAttribute("data-rt-visit", S.linkVisit);
    tooltip.setAttribute("data-rt-enter", S.linkEnter);
    var input = tooltip.querySelector("input[type=text]");
    if (input) {
      input.setAttribute("aria-label", S.linkEnter);
      input.setAttribute("data-link", S.linkPlaceholder);  // Quill copies it into the placeholder
      input.setAttribute("placeholder", S.linkPlaceholder);
    }
    var action = tooltip.querySelector("a.ql-action");
    var remove = tooltip.querySelector("a.ql-remove");
    [action, remove].forEach(function (link) {
      if (!link) return;
      link.setAttribute("role", "button");
      link.setAttribute("tabindex", "0");
      link.setAttribute("data-rt-edit", S.linkEdit);
      link.setAttribute("data-rt-save", S.linkSave);
      link.setAttribute("data-rt-remove", S.linkRemove);
      link.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); link.click(); }
      });
    });
    if (remove) remove.setAttribute("aria-label", S.linkRemove);
    var named = function () {
      if (action) action.setAttribute("aria-label", tooltip.classList.contains("ql-editing") ? S.linkSave : S.linkEdit);
    };
    named();
    new MutationObserver(named).observe(tooltip, { attributes: true, attributeFilter: ["class"] });
  };

  Editor.prototype.addFigure = function (row) {
    var self = this;
    var input = row.querySelector("input");
    if (!input) return;
    var field = {
      kind: "figure",
      name: row.dataset.field,
      section: row,
      input: input,
      base: input.value.trim(),
      forced: false,
      conflict: false,
      theirs: "",
    };
    var shown = row.querySelector("[data-role=theirs]");
    if (row.hasAttribute("data-conflict") && shown) {
      field.theirs = shown.textContent.trim() === "—" ? "" : shown.textContent.trim();
      field.base = field.theirs;
      field.conflict = true;
    }
    input.addEventListener("input", function () { self.changed(field); });
    input.addEventListener("change", function () { self.save(); });
    var use = row.querySelector("[data-role=use-theirs]");
    if (use) use.addEventListener("click", function () {
      input.value = field.theirs;
      self.resolve(field);
      self.changed(field);
    });
    var keep = row.querySelector("[data-role=keep-mine]");
    if (keep) keep.addEventListener("click", function () { self.resolve(field); self.changed(field); });
    this.fields.push(field);
  };

  /** A box another app adds to a section (an answer to a task, "propose as done"): plain text or a checkbox,
   *  sent as ``extensions[name][item][part]`` with the report's save; the server saves it in the same step. */
  Editor.prototype.addExtra = function (input) {
    var self = this;
    var field = {
      kind: "extra",
      name: input.name,
      extension: input.dataset.extension,
      item: input.dataset.item,
      part: input.dataset.part,
      section: input.closest("[data-extension-item]") || input.parentNode,
      input: input,
      base: "",
      forced: input.hasAttribute("data-dirty"),
      conflict: false,
      theirs: "",
    };
    field.base = input.hasAttribute("data-base") ? input.getAttribute("data-base") : this.value(field);
    input.addEventListener(input.type === "checkbox" ? "change" : "input", function () { self.changed(field); });
    input.addEventListener("change", function () { self.save(); });
    this.fields.push(field);
  };

  Editor.prototype.value = function (field) {
    if (field.kind === "extra" && field.input.type === "checkbox") return field.input.checked ? "1" : "";
    return field.kind === "html" ? this.htmlOf(field.quill) : field.input.value.trim();
  };

  Editor.prototype.setValue = function (field, value) {
    if (field.kind === "html") this.setHtml(field.quill, value);
    else if (field.input.type === "checkbox") field.input.checked = Boolean(value);
    else field.input.value = value;
  };

  Editor.prototype.isDirty = function (field) {
    if (field.forced) return true;
    var current = this.value(field);
    return current !== field.base;
  };

  Editor.prototype.anyDirty = function () {
    var self = this;
    return this.fields.some(function (field) { return self.isDirty(field); });
  };

  Editor.prototype.changed = function (field) {
    var self = this;
    window.clearTimeout(this.draftTimer);
    this.draftTimer = window.setTimeout(function () { self.keepDraft(); }, 800);
    this.refreshStatus();
  };

  Editor.prototype.say = function (text) {
    if (text === this.lastStatus) return;  // a live region repeats itself only when something changed
    this.lastStatus = text;
    this.status.textContent = text;
  };

  Editor.prototype.refreshStatus = function () {
    if (this.stopped || this.inFlight) return;
    if (this.fields.some(function (field) { return field.conflict; })) return this.say(this.S.conflict);
    var wrong = this.fields.filter(function (field) { return field.error; });
    if (wrong.length) {
      var figuresOnly = wrong.every(function (field) { return field.kind === "figure"; });
      return this.say(figuresOnly ? this.S.figuresNotSaved : this.S.invalid);
    }
    if (this.anyDirty()) return this.say(this.S.unsaved);
    if (this.savedAt) return this.say(fill(this.S.saved, { time: clockTime(this.savedAt) }));
    this.say("");
  };

  // Conflicts ------------------------------------------------------------------------------------------

  Editor.prototype.bindConflict = function (field) {
    var self = this;
    var panel = field.section.querySelector("[data-role=conflict]");
    if (!panel) return;
    panel.querySelector("[data-role=use-theirs]").addEventListener("click", function () {
      self.setHtml(field.quill, field.theirs);
      field.base = self.htmlOf(field.quill);
      field.forced = false;
      self.resolve(field);
      self.note(field, self.S.refreshed);
    });
    panel.querySelector("[data-role=keep-mine]").addEventListener("click", function () {
      self.resolve(field);  // the writer's text now differs from the newer one: the next save writes it
      self.note(field, self.S.keptMine);
      self.changed(field);
    });
    panel.querySelector("[data-role=copy-mine]").addEventListener("click", function () {
      self.copy(field);
    });
  };

  Editor.prototype.showConflict = function (field, theirs) {
    field.conflict = true;
    field.theirs = theirs == null ? "" : String(theirs);
    field.section.classList.add("rt-conflicted");
    if (field.kind === "figure") {
      var box = field.section.querySelector("[data-role=figure-conflict]");
      box.querySelector("[data-role=theirs]").textContent = field.theirs || "—";
      box.hidden = false;
      return;
    }
    var panel = field.section.querySelector("[data-role=conflict]");
    var badge = field.section.querySelector("[data-role=badge]");
    if (badge) badge.hidden = false;
    var mineLabel = field.section.querySelector("[data-role=mine-label]");
    if (mineLabel) mineLabel.hidden = false;
    // The server's text, cleaned by the server when it was saved.
    panel.querySelector("[data-role=theirs-view]").innerHTML = field.theirs || "<p class=\"rt-empty\">—</p>";
    panel.querySelector("[data-role=theirs]").value = field.theirs;
    panel.hidden = false;
  };

  Editor.prototype.resolve = function (field) {
    field.conflict = false;
    field.section.classList.remove("rt-conflicted");
    var box = field.section.querySelector(field.kind === "figure" ? "[data-role=figure-conflict]" : "[data-role=conflict]");
    if (box) box.hidden = true;
    var badge = field.section.querySelector("[data-role=badge]");
    if (badge) badge.hidden = true;
    var mineLabel = field.section.querySelector("[data-role=mine-label]");
    if (mineLabel) mineLabel.hidden = true;
    this.refreshStatus();
    if (!this.fields.some(function (f) { return f.conflict; })) {
      var alert = document.getElementById("conflict-alert");
      if (alert) alert.hidden = true;
    }
  };

  Editor.prototype.note = function (field, text) {
    var note = field.section.querySelector("[data-role=note]");
    if (note) note.textContent = text;
  };

  Editor.prototype.copy = function (field) {
    var self = this;
    var html = this.htmlOf(field.quill);
    var text = field.quill.getText();
    var done = function () { self.note(field, self.S.copied); };
    if (navigator.clipboard && window.ClipboardItem) {
      var item = new window.ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      });
      navigator.clipboard.write([item]).then(done, function () {
        navigator.clipboard.writeText(text).then(done);
      });
    } else if (navigator.clipboard) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      field.quill.setSelection(0, field.quill.getLength());
      if (document.execCommand("copy")) done();
    }
  };

  /** The part a field holds in the server's answers: its group ("sections", "figures" or "unplaced") and key. */
  function partOf(field) {
    if (field.kind === "figure") return { group: "figures", key: field.name.replace(/^figure_/, "") };
    if (field.name === "unplaced") return { group: "unplaced", key: "unplaced" };
    return { group: "sections", key: field.name.replace(/^section_/, "") };
  }

  /** ``source``'s value for the field's part as text, or undefined when it has none. */
  function valueIn(source, part) {
    if (!source) return undefined;
    if (part.group === "unplaced") return source.unplaced == null ? undefined : String(source.unplaced);
    var values = source[part.group] || {};
    if (!Object.prototype.hasOwnProperty.call(values, part.key)) return undefined;
    return values[part.key] == null ? "" : String(values[part.key]);
  }

  /** Whether the field shows ``value`` (HTML as Quill would hold it; figures as typed). */
  Editor.prototype.sameAs = function (field, value) {
    var text = value == null ? "" : String(value);
    return field.kind === "html" ? this.normalise(text) === this.htmlOf(field.quill) : text.trim() === this.value(field);
  };

  /** Whether ``value`` is what the writer started from in this part (the text last saved or taken). */
  Editor.prototype.isBase = function (field, value) {
    var text = value == null ? "" : String(value);
    return (field.kind === "html" ? this.normalise(text) : text.trim()) === field.base;
  };

  /** Someone saved meanwhile (409): apply the server's merge of what ``request`` sent with the newer version.
   *  ``merge.conflicts`` (both changed) are shown beside the writer's text; ``merge.refreshed`` (only someone
   *  else changed them) are taken as they are — unless the writer typed in that part after the request left,
   *  or it holds text that was not sent (an open clash, a figure refused as invalid): that text stays, and
   *  the newer one is shown beside it when they differ. Nothing typed is replaced. */
  Editor.prototype.applyMerge = function (answer, request) {
    var self = this;
    var merge = answer.merge || {  // an older server: everything that differs is a clash, nothing is taken
      version: answer.version,
      conflicts: { sections: answer.sections, figures: answer.figures, unplaced: answer.unplaced },
      refreshed: {},
    };
    this.setVersion(merge.version || answer.version);
    this.fields.forEach(function (field) {
      // What another app added (answers to tasks) has no three-way merge: what the writer typed stays and
      // is sent again on the newer version right away (``again``), so nothing typed is lost.
      if (field.kind === "extra") return;
      var part = partOf(field);
      var clash = valueIn(merge.conflicts, part);
      var fresh = valueIn(merge.refreshed, part);
      var sent = Object.prototype.hasOwnProperty.call(request.sentNames, field.name);
      var typedSince = self.value(field) !== request.snapshot[field.name];
      var ownText = typedSince || field.conflict || (!sent && self.isDirty(field));
      if (clash !== undefined) {
        if (self.sameAs(field, clash)) self.settle(field, clash);
        else self.clash(field, clash);
      } else if (fresh !== undefined && !ownText) {
        self.take(field, fresh);
      } else if (fresh !== undefined) {
        if (self.sameAs(field, fresh)) self.settle(field, fresh);
        else if (!self.isBase(field, fresh)) self.clash(field, fresh);
        // else: the newer version holds what the writer started from here, so only the writer changed it:
        // their text stays, and the next save writes it.
      } else if (sent) {
        // What was sent is already the newest text: it becomes the base; anything typed since stays to save.
        var current = valueIn(answer, part);
        self.settle(field, current !== undefined ? current : request.sentNames[field.name]);
      }
    });
    this.refreshStatus();
  };

  /** The part is saved as ``value``: no longer unsaved (unless typed since), no clash left. */
  Editor.prototype.settle = function (field, value) {
    field.base = field.kind === "html" ? this.normalise(value) : String(value).trim();
    field.forced = false;
    if (field.conflict && this.sameAs(field, value)) this.resolve(field);
  };

  /** Replace the part's text with the newer one (only where the writer has nothing of their own there). */
  Editor.prototype.take = function (field, value) {
    if (field.kind === "figure") {
      field.input.value = value;
      field.base = String(value).trim();
    } else {
      this.setHtml(field.quill, value);
      field.base = this.htmlOf(field.quill);
      this.note(field, this.S.refreshed);
    }
    field.forced = false;
  };

  /** Both changed the part: keep the writer's text, show the newer one beside it until they choose. */
  Editor.prototype.clash = function (field, theirs) {
    field.base = field.kind === "html" ? this.normalise(theirs) : String(theirs).trim();
    field.forced = false;
    this.showConflict(field, theirs);
  };

  // Saving -----------------------------------------------------------------------------------------------

  Editor.prototype.setVersion = function (version) {
    var old = this.version;
    this.version = version;
    this.versionInput.value = String(version);
    if (old !== version) this.dropDrafts(version);
  };

  Editor.prototype.payload = function (skipFigures) {
    var self = this;
    var body = { version: this.version, sections: {}, figures: {} };
    var sent = [];
    var snapshot = {};  // every part as it was when the request left: what is typed later is never replaced
    var sentNames = {};
    this.fields.forEach(function (field) {
      snapshot[field.name] = self.value(field);
      if (field.conflict || !self.isDirty(field)) return;
      var value = self.value(field);
      if (field.kind === "figure") {
        if (skipFigures && skipFigures[field.name]) return;
        body.figures[field.name.replace(/^figure_/, "")] = value;
      } else if (field.kind === "extra") {
        body.extensions = body.extensions || {};
        var own = body.extensions[field.extension] = body.extensions[field.extension] || {};
        own[field.item] = own[field.item] || {};
        own[field.item][field.part] = value;
      } else if (field.name === "unplaced") {
        body.unplaced = value;
      } else {
        body.sections[field.name.replace(/^section_/, "")] = value;
      }
      sent.push({ field: field, value: value });
      sentNames[field.name] = value;
    });
    return { body: body, sent: sent, snapshot: snapshot, sentNames: sentNames };
  };

  Editor.prototype.save = function (skipFigures) {
    var self = this;
    if (this.stopped) return;
    if (this.inFlight) { this.again = true; return; }
    var request = this.payload(skipFigures);
    if (!request.sent.length) { this.refreshStatus(); return this.afterSave(); }
    this.inFlight = true;
    this.say(this.S.saving);
    var token = this.form.querySelector("input[name=csrfmiddlewaretoken]").value;
    fetch(this.config.autosaveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, Accept: "application/json" },
      body: JSON.stringify(request.body),
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          return { status: response.status, answer: answer };
        });
      })
      .then(function (result) { self.answered(result.status, result.answer, request, skipFigures); })
      .catch(function () {
        self.inFlight = false;
        self.say(self.S.offline);
        self.keepDraft();
        self.afterSave();
      });
  };

  Editor.prototype.answered = function (status, answer, request, skipFigures) {
    var self = this;
    this.inFlight = false;
    if (status === 200) {
      request.sent.forEach(function (item) {
        item.field.base = item.value;
        item.field.forced = false;
        self.clearError(item.field);
      });
      this.setVersion(answer.version);
      this.savedAt = new Date();
      this.keepDraft();
      this.lastStatus = "";
      this.refreshStatus();
    } else if (status === 409 && answer.code === "stale") {
      this.applyMerge(answer, request);
      this.keepDraft();
      this.again = true;  // what did not clash is saved on the new version right away
    } else if (status === 400 && answer.code === "invalid") {
      var skip = this.showErrors(answer.errors || {});
      this.lastStatus = "";
      this.say(this.S.invalid);
      if (skip && !skipFigures) { this.inFlight = false; return this.save(skip); }  // save the text anyway
    } else {
      this.stopped = true;
      this.say(answer.message || this.S.readOnly);
      this.keepDraft();
    }
    this.afterSave();
  };

  Editor.prototype.afterSave = function () {
    var self = this;
    if (this.pendingSubmit && !this.inFlight) {
      var submitter = this.pendingSubmit;
      this.pendingSubmit = null;
      this.form.requestSubmit(submitter);
      return;
    }
    if (this.again && !this.inFlight) {
      this.again = false;
      window.setTimeout(function () { self.save(); }, 0);
    }
  };

  Editor.prototype.errorNode = function (field) {
    var target = field.kind === "figure" ? field.input : field.textarea;
    var id = target.id + "_error";
    var node = document.getElementById(id);
    if (!node) {
      node = document.createElement("div");
      node.className = "invalid-feedback d-block";
      node.id = id;
      (field.kind === "figure" ? field.input : field.section.querySelector("[data-role=note]")).insertAdjacentElement(
        field.kind === "figure" ? "afterend" : "beforebegin", node);
    }
    return node;
  };

  Editor.prototype.showErrors = function (errors) {
    var self = this;
    var skip = null;
    var onlyFigures = true;
    Object.keys(errors).forEach(function (key) {
      var name = key.indexOf("figures.") === 0 ? "figure_" + key.slice(8)
        : key.indexOf("sections.") === 0 ? "section_" + key.slice(9) : null;
      var field = self.fields.filter(function (f) { return f.name === name; })[0];
      if (!field) { onlyFigures = false; return; }
      if (field.kind !== "figure") onlyFigures = false;
      else { skip = skip || {}; skip[field.name] = true; }
      self.errorNode(field).textContent = errors[key].join(" ");
      field.error = true;
      var target = field.kind === "figure" ? field.input : field.quill.root;
      target.setAttribute("aria-invalid", "true");
      target.classList.add("is-invalid");
    });
    return onlyFigures ? skip : null;
  };

  Editor.prototype.clearError = function (field) {
    field.error = false;
    var target = field.kind === "html" ? field.textarea : field.input;
    var node = document.getElementById(target.id + "_error");
    if (node) node.textContent = "";
    var shown = field.kind === "html" ? field.quill.root : field.input;
    shown.removeAttribute("aria-invalid");
    shown.classList.remove("is-invalid");
  };

  Editor.prototype.onSubmit = function (event) {
    var submitter = event.submitter;
    if (this.form.dataset.sending) { event.preventDefault(); return; }
    var open = this.fields.filter(function (field) { return field.conflict; });
    if (open.length) {
      event.preventDefault();
      this.say(this.S.resolveFirst);
      open[0].section.scrollIntoView({ block: "start" });
      var focusable = open[0].section.querySelector("[data-role=use-theirs]");
      if (focusable) focusable.focus();
      return;
    }
    if (this.inFlight) {  // let the autosave finish first, or the form would be refused as stale
      event.preventDefault();
      this.pendingSubmit = submitter || null;
      return;
    }
    var question = submitter && submitter.dataset.confirm;
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    var self = this;
    this.keepDraft();
    this.fields.forEach(function (field) {
      var dirty = self.isDirty(field);
      if (field.kind === "html") {
        field.textarea.value = self.htmlOf(field.quill);
        field.textarea.disabled = !dirty;  // untouched sections are not sent, so Quill never rewrites them
      } else if (field.kind === "extra") {
        if (field.input.type === "checkbox") {
          // An unticked box is not sent by the form: a hidden "" says it was unticked on purpose.
          if (dirty && !field.input.checked) {
            var off = document.createElement("input");
            off.type = "hidden";
            off.name = field.input.name;
            off.value = "";
            self.form.appendChild(off);
          }
        } else {
          field.input.readOnly = true;
        }
        if (!dirty) field.input.name = "";
      } else {
        field.input.readOnly = true;
        if (!dirty) field.input.name = "";
      }
    });
    this.sending = true;
    this.stopped = true;
    markSending(this.form, submitter);
  };

  // A copy in this browser --------------------------------------------------------------------------------

  Editor.prototype.draftKey = function (version) {
    return DRAFT_PREFIX + this.config.userId + ":" + this.config.reportId + ":" + version;
  };

  Editor.prototype.draftKeys = function () {
    var prefix = DRAFT_PREFIX + this.config.userId + ":" + this.config.reportId + ":";
    var keys = [];
    try {
      for (var i = 0; i < window.localStorage.length; i += 1) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(prefix) === 0) keys.push(key);
      }
    } catch (error) { /* storage disabled: nothing kept, nothing to offer */ }
    return keys;
  };

  Editor.prototype.keepDraft = function () {
    var self = this;
    var fields = {};
    var any = false;
    this.fields.forEach(function (field) {
      if (self.isDirty(field) || field.conflict) { fields[field.name] = self.value(field); any = true; }
    });
    try {
      this.dropDrafts(this.version);
      if (any) {
        window.localStorage.setItem(this.draftKey(this.version), JSON.stringify({
          version: this.version, savedAt: Date.now(), fields: fields,
        }));
      } else {
        window.localStorage.removeItem(this.draftKey(this.version));
      }
    } catch (error) { /* full or disabled storage: the server copy is all there is */ }
  };

  Editor.prototype.dropDrafts = function (keepVersion) {
    var keep = this.draftKey(keepVersion);
    this.draftKeys().forEach(function (key) {
      if (key !== keep) { try { window.localStorage.removeItem(key); } catch (error) { /* ignore */ } }
    });
  };

  Editor.prototype.offerDraft = function () {
    var self = this;
    var drafts = this.draftKeys().map(function (key) {
      try { return JSON.parse(window.localStorage.getItem(key)); } catch (error) { return null; }
    }).filter(function (draft) { return draft && draft.fields; });
    if (!drafts.length) return;
    drafts.sort(function (a, b) { return b.savedAt - a.savedAt; });
    var draft = drafts[0];
    var differs = Object.keys(draft.fields).filter(function (name) {
      var field = self.fields.filter(function (f) { return f.name === name; })[0];
      if (!field) return false;
      return !self.sameAs(field, draft.fields[name]);
    });
    if (!differs.length) { this.dropDrafts(-1); return; }
    var prompt = document.getElementById("rt-draft-prompt");
    if (!prompt) return;
    prompt.querySelector("[data-role=text]").textContent = fill(this.S.restorePrompt, {
      time: new Date(draft.savedAt).toLocaleString(document.documentElement.lang || undefined),
    });
    prompt.hidden = false;
    prompt.querySelector("[data-role=restore]").addEventListener("click", function () {
      prompt.hidden = true;
      self.restore(draft, differs);
    });
    prompt.querySelector("[data-role=discard]").addEventListener("click", function () {
      prompt.hidden = true;
      self.dropDrafts(-1);
    });
  };

  Editor.prototype.restore = function (draft, names) {
    var self = this;
    names.forEach(function (name) {
      var field = self.fields.filter(function (f) { return f.name === name; })[0];
      var onPage = self.value(field);
      self.setValue(field, draft.fields[name]);
      if (field.kind === "extra") { self.note(field, self.S.restored); return; }
      if (draft.version !== self.version) {  // written on an older version: the page's text is newer
        field.base = onPage;
        self.showConflict(field, onPage);
      }
      self.note(field, self.S.restored);
    });
    this.keepDraft();
    this.refreshStatus();
    this.save();
  };

  // Start -------------------------------------------------------------------------------------------

  function start() {
    var configNode = document.getElementById("rt-editor-config");
    var form = document.getElementById("report-form");
    if (!configNode || !form || !window.Quill) return;  // a plain form, still guarded by forms.js
    form.dataset.guarded = "1";  // this script sends it
    var editor = new Editor(form, JSON.parse(configNode.textContent));
    editor.start();
    window.rightstrackEditor = editor;  // for browser tests and the curious
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
