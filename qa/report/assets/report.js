"use strict";
(function () {
  var marks = document.querySelectorAll("mark.hl");
  var tooltip = document.getElementById("tooltip");
  var form = document.getElementById("filters");

  function itemOf(number) { return document.getElementById("item-" + number); }
  function markOf(number) { return document.getElementById("f-" + number); }
  var pieces = {};  // finding number -> its mark and continuation spans, gathered once
  document.querySelectorAll("#doc-text [data-finding]").forEach(function (el) {
    (pieces[el.dataset.finding] = pieces[el.dataset.finding] || []).push(el);
  });
  function piecesOf(number) { return pieces[number] || []; }

  function setActive(number, on) {
    piecesOf(number).forEach(function (el) { el.classList.toggle("is-active", on); });
    var item = itemOf(number);
    if (item) { item.classList.toggle("is-active", on); }
  }

  function showTip(el) {
    var item = itemOf(el.dataset.finding);
    if (!item || !tooltip) { return; }
    tooltip.textContent = "";
    var rule = document.createElement("div");
    rule.className = "tip-rule";
    rule.textContent = el.dataset.severity + " · " + el.dataset.rule;
    var msg = document.createElement("p");
    msg.className = "tip-msg";
    msg.textContent = item.querySelector(".msg").textContent;
    tooltip.append(rule, msg);
    var fix = item.querySelector(".suggestion");
    if (fix) {
      var tipFix = document.createElement("p");
      tipFix.className = "tip-fix";
      tipFix.textContent = fix.textContent;
      tooltip.append(tipFix);
    }
    tooltip.hidden = false;
    var box = el.getBoundingClientRect();
    var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tooltip.offsetWidth - 8);
    tooltip.style.left = Math.max(window.scrollX + 8, left) + "px";
    var above = box.top - tooltip.offsetHeight - 8;
    tooltip.style.top = (above > 0 ? above + window.scrollY : box.bottom + window.scrollY + 8) + "px";
  }

  function hideTip() { if (tooltip) { tooltip.hidden = true; } }

  function focusMark(number) {
    var mark = markOf(number);
    if (!mark) { return; }
    mark.scrollIntoView({ block: "center", behavior: "instant" });
    mark.focus({ preventScroll: true });
  }

  function focusItem(number) {
    var item = itemOf(number);
    if (!item || item.hidden) { return; }
    item.scrollIntoView({ block: "nearest", behavior: "instant" });
    item.focus({ preventScroll: true });
  }

  // Next / previous finding: buttons and the keys j/n and k/p. It stops at either end, where
  // its button is disabled and the position says so; filtered-out findings are passed over.
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var current = 0;  // the number of the current finding; 0 before the first step
  var previousButton = document.getElementById("previous-finding");
  var nextButton = document.getElementById("next-finding");
  var position = document.getElementById("position");

  function shownNumbers() {
    return items.filter(function (item) { return !item.hidden; }).map(function (item) { return Number(item.dataset.finding); });
  }

  function makeCurrent(number) {
    document.querySelectorAll(".is-current").forEach(function (el) { el.classList.remove("is-current"); });
    current = Number(number);
    piecesOf(current).forEach(function (el) { el.classList.add("is-current"); });
    var item = itemOf(current);
    if (item) {
      item.classList.add("is-current");
      item.scrollIntoView({ block: "nearest", behavior: "instant" });
    }
    updateStepper();
  }

  function updateStepper() {
    if (!position) { return; }
    var shown = shownNumbers();
    var at = shown.indexOf(current);
    var before = shown.filter(function (n) { return n < current; }).length;
    previousButton.disabled = before === 0;
    nextButton.disabled = shown.length === 0 || (current > 0 && shown[shown.length - 1] <= current);
    var total = shown.length + " finding" + (shown.length === 1 ? "" : "s");
    if (at < 0) {
      position.textContent = current ? "(current finding hidden) · " + total : total + " to go through";
    } else {
      var end = shown.length === 1 ? " · the only one" : at === 0 ? " · first" : at === shown.length - 1 ? " · last" : "";
      position.textContent = (at + 1) + " of " + shown.length + end;
    }
    position.classList.toggle("at-end", at >= 0 && (at === 0 || at === shown.length - 1));
  }

  function step(direction) {
    var shown = shownNumbers();
    var target = direction > 0
      ? shown.filter(function (n) { return n > current; })[0]
      : shown.filter(function (n) { return n < current; }).pop();
    if (target === undefined) { updateStepper(); return; }
    makeCurrent(target);
    focusMark(target);
  }

  if (previousButton && nextButton) {
    previousButton.addEventListener("click", function () { step(-1); });
    nextButton.addEventListener("click", function () { step(1); });
    updateStepper();
  }

  function isTyping(target) {
    var field = target.closest && target.closest("input, textarea, select, [contenteditable]");
    return !!field && !(field.type === "checkbox" || field.type === "radio");
  }

  document.addEventListener("keydown", function (event) {
    if (!items.length || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) { return; }
    var direction = { j: 1, n: 1, k: -1, p: -1 }[event.key];
    if (direction) { event.preventDefault(); step(direction); }
  });

  document.querySelectorAll("a.goto").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var number = link.closest("li").dataset.finding;
      makeCurrent(number);
      focusMark(number);
    });
  });

  var doc = document.getElementById("doc-text");
  if (doc) {
    doc.addEventListener("click", function (event) {
      var el = event.target.closest("[data-finding]");
      if (el && !el.classList.contains("is-filtered")) { makeCurrent(el.dataset.finding); focusItem(el.dataset.finding); }
    });
    doc.addEventListener("keydown", function (event) {
      var el = event.target.closest("mark.hl");
      if (el && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); makeCurrent(el.dataset.finding); focusItem(el.dataset.finding); }
      if (event.key === "Escape") { hideTip(); }
    });
    ["mouseover", "focusin"].forEach(function (type) {
      doc.addEventListener(type, function (event) {
        var el = event.target.closest("[data-finding]");
        if (el && !el.classList.contains("is-filtered")) { showTip(el); setActive(el.dataset.finding, true); }
      });
    });
    ["mouseout", "focusout"].forEach(function (type) {
      doc.addEventListener(type, function (event) {
        var el = event.target.closest("[data-finding]");
        if (el) { hideTip(); setActive(el.dataset.finding, false); }
      });
    });
  }

  function applyFilters() {
    var allowed = { severity: {}, rule: {} };
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) { allowed[box.name][box.value] = box.checked; });
    var shown = 0;
    document.querySelectorAll("li.finding").forEach(function (item) {
      var visible = allowed.severity[item.dataset.severity] !== false && allowed.rule[item.dataset.rule] !== false;
      item.hidden = !visible;
      if (visible) { shown += 1; }
      piecesOf(item.dataset.finding).forEach(function (el) { el.classList.toggle("is-filtered", !visible); });
      var mark = markOf(item.dataset.finding);
      if (mark) { mark.tabIndex = visible ? 0 : -1; }
    });
    var counter = document.getElementById("shown");
    if (counter) { counter.textContent = shown === marks.length ? "" : "(" + shown + " of " + marks.length + " shown)"; }
    updateStepper();
  }

  if (form) {
    form.addEventListener("change", applyFilters);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }
})();
