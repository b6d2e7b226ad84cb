// The journal: filters, newest first, and one request opened as a per-line timeline with its body and response.
"use strict";

let journalEntries = [];
let journalReload = null;
let openId = null;

async function loadJournal() {
  const response = await fetch("/__fake/journal");
  journalEntries = await response.json();
  renderJournal();
}

function matches(entry, filters) {
  const has = (value, wanted) => !wanted || (value ?? "").toLowerCase().includes(wanted.toLowerCase());
  return has(entry.path, filters.get("path")) && has(entry.model, filters.get("model"))
    && has(entry.scenario, filters.get("scenario")) && (!filters.get("ending") || entry.ending === filters.get("ending"));
}

function renderJournal() {
  const filters = new FormData(document.getElementById("journal-filters"));
  const body = document.querySelector("#journal tbody");
  body.replaceChildren();
  const shown = journalEntries.filter((e) => matches(e, filters)).reverse().slice(0, 200);
  for (const e of shown) {
    const row = body.insertRow();
    row.tabIndex = 0;
    row.dataset.id = e.id;
    row.setAttribute("aria-label", `Open request ${e.id}, ${e.method} ${e.path}`);
    fakeConsole.cell(row, e.id);
    fakeConsole.cell(row, new Date(e.time).toLocaleTimeString());
    fakeConsole.cell(row, `${e.method} ${e.path}`);
    fakeConsole.cell(row, e.model);
    fakeConsole.cell(row, e.scenario);
    fakeConsole.cell(row, e.status, "num");
    fakeConsole.cell(row, e.tokens_delivered, "num");
    fakeConsole.cell(row, e.ending, e.ending === "Fault" || e.ending === "Error" ? "fault" : "");
    fakeConsole.cell(row, fakeConsole.ms(e.duration_ms), "num");
    row.addEventListener("click", () => openEntry(e));
    row.addEventListener("keydown", (k) => { if (k.key === "Enter" || k.key === " ") { k.preventDefault(); openEntry(e); } });
  }
  // An entry opened while its stream ran is shown again as it ended.
  const open = journalEntries.find((e) => e.id === openId);
  if (open) showEntry(open);
}

function timelineTable(entry) {
  const table = document.createElement("table");
  table.createCaption().textContent = `${entry.lines_written} lines written; send time and gap of each line`
    + (entry.line_times_ms.length < entry.lines_written ? ` (the first ${entry.line_times_ms.length} kept)` : "");
  const head = table.createTHead().insertRow();
  for (const title of ["Line", "Sent at", "Gap", "Fault"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = title;
    th.className = title === "Fault" ? "" : "num";
    head.append(th);
  }
  const body = table.createTBody();
  const times = entry.line_times_ms.slice(0, 500);
  times.forEach((t, i) => {
    const row = body.insertRow();
    fakeConsole.cell(row, i + 1, "num");
    fakeConsole.cell(row, `${t.toFixed(1)} ms`, "num");
    fakeConsole.cell(row, i === 0 ? "" : `${(t - times[i - 1]).toFixed(1)} ms`, "num");
    const fired = entry.faults.filter((f) => f.at_line === i + 1 || (i === 0 && f.at_line === 0));
    fakeConsole.cell(row, fired.map((f) => `${f.fault}: ${f.action}`).join("; "), "fault");
  });
  for (const f of entry.faults.filter((x) => x.at_line > times.length)) {
    const row = body.insertRow();
    fakeConsole.cell(row, f.at_line, "num");
    fakeConsole.cell(row, `${f.at_ms.toFixed(1)} ms`, "num");
    fakeConsole.cell(row, "");
    fakeConsole.cell(row, `${f.fault}: ${f.action}`, "fault");
  }
  return table;
}

// The gap before each line against its send time; the lines after which a fault fired are red points.
function timelineChart(entry) {
  const element = document.getElementById("entry-chart");
  element.replaceChildren();
  const times = entry.line_times_ms;
  if (times.length === 0 || typeof uPlot === "undefined") return;
  const gaps = times.map((t, i) => (i === 0 ? t : t - times[i - 1]));
  const faultLines = new Set(entry.faults.map((f) => f.at_line));
  const faults = gaps.map((g, i) => (faultLines.has(i + 1) ? g : null));
  new uPlot({
    width: Math.max(320, element.clientWidth), height: 200,
    scales: { x: { time: false } },
    axes: [{ label: "sent at (ms since the request arrived)" }, { label: "gap (ms)" }],
    series: [{ label: "sent at" }, { label: "gap before the line", stroke: "#1a73e8", width: 2 },
      { label: "fault fired after this line", stroke: "#b00020", width: 0, points: { show: true, size: 9, fill: "#b00020" } }],
  }, [times, gaps, faults], element);
}

function openEntry(entry) {
  openId = entry.id;
  showEntry(entry);
  document.getElementById("entry-title").scrollIntoView({ block: "nearest" });
}

function showEntry(entry) {
  document.getElementById("entry").hidden = false;
  document.getElementById("entry-title").textContent = `#${entry.id} ${entry.method} ${entry.path}`;
  document.getElementById("entry-detail").textContent =
    `${entry.model ?? "no model"} · ${entry.scenario ?? "no scenario"} · ${entry.status} · ${entry.tokens_delivered} tokens · `
    + `${entry.ending}: ${entry.detail ?? ""}`;
  const timeline = document.getElementById("entry-timeline");
  timeline.replaceChildren(timelineTable(entry));
  timelineChart(entry);
  document.getElementById("entry-body").textContent = entry.body ?? "(no body)";
  document.getElementById("entry-response").textContent = entry.response ?? "(nothing kept)";
}

document.addEventListener("DOMContentLoaded", () => {
  const filters = document.getElementById("journal-filters");
  filters.addEventListener("input", renderJournal);
  filters.addEventListener("submit", (e) => e.preventDefault());
  document.getElementById("journal-refresh").addEventListener("click", loadJournal);
  fakeConsole.listeners.end.push(() => {
    clearTimeout(journalReload);
    journalReload = setTimeout(loadJournal, 300);
  });
  loadJournal();
});
