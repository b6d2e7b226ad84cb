// The fake's console: live streams from /__fake/events, shared helpers for the switchboard and the journal.
"use strict";

const fakeConsole = {
  listeners: { streams: [], end: [] },
  ended: [],
  inFlight: [],

  // Calls the fake's admin API and shows the outcome under the switchboard.
  async api(method, path, body) {
    const result = document.getElementById("result");
    const response = await fetch(path, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    result.textContent = `${method} ${path} → ${response.status} ${text}`.trim();
    result.classList.toggle("error", !response.ok);
    return response.ok && text ? JSON.parse(text) : null;
  },

  cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text ?? "";
    if (className) td.className = className;
    return td;
  },

  ms(value) {
    return value >= 10000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
  },
};

function renderStreams() {
  const body = document.querySelector("#streams tbody");
  body.replaceChildren();
  const rows = [...fakeConsole.inFlight.map((s) => ({ ...s, state: "streaming" })), ...fakeConsole.ended];
  for (const s of rows) {
    const row = body.insertRow();
    row.dataset.id = s.id;
    row.className = s.state === "streaming" ? "" : "ended";
    fakeConsole.cell(row, s.id);
    fakeConsole.cell(row, s.model);
    fakeConsole.cell(row, s.scenario);
    fakeConsole.cell(row, `${s.method ?? ""} ${s.path}`);
    fakeConsole.cell(row, s.protocol);
    fakeConsole.cell(row, s.tokens_sent, "num tokens");
    fakeConsole.cell(row, s.tokens_per_second, "num");
    fakeConsole.cell(row, fakeConsole.ms(s.elapsed_ms), "num");
    fakeConsole.cell(row, (s.faults_armed ?? []).join(", "));
    fakeConsole.cell(row, (s.faults_fired ?? []).join("; "), "fault");
    fakeConsole.cell(row, s.state, "state");
  }
}

function onStreams(tick) {
  fakeConsole.inFlight = tick.streams;
  document.getElementById("active-scenario").textContent = tick.active_scenario ?? "none";
  document.getElementById("paused").textContent = tick.paused_streams;
  for (const listener of fakeConsole.listeners.streams) listener(tick);
  renderStreams();
}

function onEnd(end) {
  const last = fakeConsole.inFlight.find((s) => s.id === end.id);
  fakeConsole.inFlight = fakeConsole.inFlight.filter((s) => s.id !== end.id);
  fakeConsole.ended.unshift({
    ...last,
    id: end.id,
    path: end.path,
    model: end.model,
    scenario: end.scenario,
    tokens_sent: end.tokens_delivered,
    tokens_per_second: end.duration_ms > 0 ? Math.round((end.tokens_delivered * 10000) / end.duration_ms) / 10 : 0,
    elapsed_ms: end.duration_ms,
    state: `${end.ending} (${end.status})`,
  });
  fakeConsole.ended.length = Math.min(fakeConsole.ended.length, 10);
  for (const listener of fakeConsole.listeners.end) listener(end);
  renderStreams();
}

function onStart(start) {
  if (!fakeConsole.inFlight.some((s) => s.id === start.id)) {
    fakeConsole.inFlight.push({ id: start.id, method: start.method, path: start.path, protocol: start.protocol, tokens_sent: 0,
      tokens_per_second: 0, elapsed_ms: 0 });
  }
  renderStreams();
}

function connect() {
  const status = document.getElementById("connection");
  const events = new EventSource("/__fake/events");
  events.onopen = () => { status.textContent = "live"; };
  events.onerror = () => { status.textContent = "reconnecting…"; };
  events.addEventListener("streams", (e) => onStreams(JSON.parse(e.data)));
  events.addEventListener("start", (e) => onStart(JSON.parse(e.data)));
  events.addEventListener("end", (e) => onEnd(JSON.parse(e.data)));
}

document.addEventListener("DOMContentLoaded", connect);
