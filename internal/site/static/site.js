// Village's static validation page: starts the WebAssembly validator from
// validator.js (base64, so that a page opened from the disk works too),
// reads the files chosen or dropped, and shows what the validator found.
// The page's state is in <body data-state>: loading, ready, checking,
// done or failed.
"use strict";

(function () {
  function setState(state, text) {
    document.body.dataset.state = state;
    if (text !== undefined) document.getElementById("status").textContent = text;
  }

  // villageReady is called by the validator once its functions are set.
  self.villageReady = function () {
    document.getElementById("files").disabled = false;
    setState("ready", "Ready: choose the files.");
  };

  function start() {
    setState("loading");
    const text = atob(self.villageValidatorWasm);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    const go = new Go();
    WebAssembly.instantiate(bytes, go.importObject)
      .then((r) => go.run(r.instance))
      .catch((e) => fail("The validator could not start: " + e));
  }

  function fail(message) {
    document.getElementById("error-text").textContent = message;
    document.getElementById("error").hidden = false;
    setState("failed", "The files cannot be checked.");
  }

  // check validates the files chosen. The time the page gives is from the
  // choosing to the results shown: reading the files, validating them and
  // drawing the results.
  async function check(fileList) {
    const began = performance.now();
    const chosen = Array.from(fileList);
    if (chosen.length === 0) return;
    document.getElementById("error").hidden = true;
    document.getElementById("results").hidden = true;
    setState("checking", "Checking " + chosen.length + " file(s)…");
    const files = await Promise.all(chosen.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) })));
    // Let the page show the status before the validator holds the thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const out = self.villageValidate(files);
    if (out.error) {
      fail(out.error);
      return;
    }
    show(JSON.parse(out.summary));
    const took = performance.now() - began;
    const shown = document.getElementById("took");
    shown.textContent = (took / 1000).toFixed(2) + " s, on this computer";
    shown.dataset.millis = String(Math.round(took));
  }

  function cell(row, text, numeric) {
    const td = document.createElement("td");
    td.className = "govuk-table__cell" + (numeric ? " govuk-table__cell--numeric" : "");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function fillTable(id, rows, fill) {
    const body = document.querySelector("#" + id + " tbody");
    body.replaceChildren();
    for (const r of rows) {
      const tr = document.createElement("tr");
      tr.className = "govuk-table__row";
      fill(tr, r);
      body.appendChild(tr);
    }
  }

  function summaryRow(list, key, value, id) {
    const div = document.createElement("div");
    div.className = "govuk-summary-list__row";
    const dt = document.createElement("dt");
    dt.className = "govuk-summary-list__key";
    dt.textContent = key;
    const dd = document.createElement("dd");
    dd.className = "govuk-summary-list__value";
    dd.textContent = value;
    if (id) dd.id = id;
    div.append(dt, dd);
    list.appendChild(div);
  }

  function show(p) {
    const n = (x) => x.toLocaleString("en-GB");
    document.getElementById("headline").textContent = p.failures === 0 && !p.tables_missing
      ? "No errors in the " + p.year + " " + p.return + " return"
      : n(p.failures) + " failures in the " + p.year + " " + p.return + " return";
    const list = document.getElementById("summary");
    list.replaceChildren();
    summaryRow(list, "Files", p.files.join(", "));
    summaryRow(list, "Collection year", p.year, "year");
    summaryRow(list, "Rules run", n(p.rules_run), "rules-run");
    summaryRow(list, "Rules skipped", n(p.skipped.reduce((a, s) => a + s.rules.length, 0)), "rules-skipped");
    summaryRow(list, "Failures", n(p.failures), "failures");
    summaryRow(list, "Of DfE rules", n(p.dfe_failures), "dfe-failures");
    summaryRow(list, "Of Village's own checks", n(p.failures - p.dfe_failures));
    summaryRow(list, "Children affected", n(p.children_affected), "children");
    if (p.invalid_values > 0) summaryRow(list, "Values not in the form their column needs", n(p.invalid_values));
    if (p.tables_missing) summaryRow(list, "Cannot validate: tables missing", p.tables_missing.join(", "));
    summaryRow(list, "Checked in", "", "took"); // the time, once the results are drawn
    fillTable("by-rule", p.by_rule, (tr, r) => {
      tr.dataset.rule = r.rule;
      tr.dataset.failures = String(r.failures);
      tr.dataset.children = String(r.children);
      cell(tr, r.rule);
      cell(tr, n(r.failures), true);
      cell(tr, n(r.children), true);
      cell(tr, r.message);
    });
    fillTable("by-table", p.by_table, (tr, t) => { cell(tr, t.table); cell(tr, n(t.failures), true); });
    const skipped = document.getElementById("skipped");
    skipped.replaceChildren();
    for (const s of p.skipped) {
      const li = document.createElement("li");
      li.textContent = s.reason + ": " + s.rules.join(", ");
      skipped.appendChild(li);
    }
    document.getElementById("shown").textContent = p.explanations.length < p.failures
      ? "The first " + n(p.explanations.length) + " of " + n(p.failures) + " failures; the downloads hold them all."
      : "Every failure.";
    fillTable("explanations", p.explanations, (tr, f) => { cell(tr, f.rule); cell(tr, f.where); cell(tr, f.child); cell(tr, f.explanation); });
    document.getElementById("results").hidden = false;
    setState("done", "Checked.");
  }

  const types = { csv: "text/csv", json: "application/json", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

  function download(format) {
    const out = self.villageReport(format);
    if (out.error) {
      fail(out.error);
      return;
    }
    // A blob: address is the browser's own memory, not the network.
    const url = URL.createObjectURL(new Blob([out.data], { type: types[format] }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "failures." + format;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const input = document.getElementById("files");
    input.addEventListener("change", () => check(input.files));
    const drop = document.getElementById("drop");
    drop.addEventListener("dragover", (e) => e.preventDefault());
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      if (!input.disabled) check(e.dataTransfer.files);
    });
    for (const b of document.querySelectorAll("button[data-format]")) {
      b.addEventListener("click", () => download(b.dataset.format));
    }
    start();
  });
})();
