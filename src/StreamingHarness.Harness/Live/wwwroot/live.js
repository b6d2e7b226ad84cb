// The load run's live page: one EventSource on /events, figures and charts each second, the report link at the end.
"use strict";

const run = { offset: 0, phaseStart: 0, thresholds: new Map(), charts: {} };
const data = { x: [], tokens: [], ttft50: [], ttft99: [], itl50: [], itl99: [], completed: [], failed: [] };

function chart(id, series) {
  const element = document.getElementById(id);
  const options = {
    width: Math.max(320, element.clientWidth), height: 220,
    scales: { x: { time: false } },
    axes: [{ label: "seconds into the run" }, {}],
    series: [{ label: "s" }, ...series.map(([label, stroke, dash]) => ({ label, stroke, width: 2, dash }))],
  };
  return new uPlot(options, [[], ...series.map(() => [])], element);
}

function setupCharts() {
  run.charts.tokens = chart("chart-tokens", [["tokens/s", "#1a73e8"]]);
  run.charts.latency = chart("chart-latency", [["TTFT p50", "#e37400"], ["TTFT p99", "#e37400", [6, 4]],
    ["ITL p50", "#137333"], ["ITL p99", "#137333", [6, 4]]]);
  run.charts.errors = chart("chart-errors", [["completed/s", "#5f6368"], ["failed/s", "#b00020"]]);
  window.addEventListener("resize", () => {
    for (const [name, c] of Object.entries(run.charts)) {
      c.setSize({ width: Math.max(320, document.getElementById(`chart-${name}`).clientWidth), height: 220 });
    }
  });
}

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function pair(p) {
  return p && p.count > 0 ? `${p.p50.toFixed(1)} / ${p.p99.toFixed(1)} ms` : "–";
}

function renderThresholds(results) {
  for (const t of results) run.thresholds.set(`${t.threshold}|${t.phase}`, t);
  const body = document.querySelector("#thresholds tbody");
  body.replaceChildren();
  for (const t of run.thresholds.values()) {
    const row = body.insertRow();
    row.insertCell().textContent = t.threshold;
    row.insertCell().textContent = t.phase;
    row.insertCell().textContent = t.actual === null ? "nothing to measure yet" : t.actual.toFixed(2);
    const verdict = row.insertCell();
    verdict.textContent = t.passed ? "pass" : "fail";
    verdict.className = t.passed ? "pass" : "fail";
  }
}

function onRun(plan) {
  document.title = `Load run: ${plan.suite}`;
  text("title", `Load run: ${plan.suite}`);
  text("status", `running, about ${Math.round(plan.planned_seconds)} s planned`);
  renderThresholds(plan.thresholds.map((threshold) => ({ threshold, phase: "–", actual: null, passed: false })));
  run.thresholds.clear();
}

function onPhase(phase) {
  run.offset = run.phaseStart;
  text("phase-label", `Phase ${phase.phase}: ${phase.load}, ${Math.round(phase.planned_seconds)} s`);
  const progress = document.getElementById("phase-progress");
  progress.max = Math.max(0.1, phase.planned_seconds);
  progress.value = 0;
}

function onSecond(s) {
  document.getElementById("phase-progress").value = Math.min(s.seconds, s.planned_seconds);
  run.phaseStart = run.offset + s.seconds;
  text("sent", s.sent);
  text("in-flight", s.in_flight);
  text("succeeded", s.succeeded);
  text("failed", s.failed);
  text("tokens", Math.round(s.tokens_per_second));
  text("ttft", pair(s.ttft));
  text("itl", pair(s.itl));
  data.x.push(run.offset + s.seconds);
  data.tokens.push(s.tokens_per_second);
  data.ttft50.push(s.ttft.count ? s.ttft.p50 : null);
  data.ttft99.push(s.ttft.count ? s.ttft.p99 : null);
  data.itl50.push(s.itl.count ? s.itl.p50 : null);
  data.itl99.push(s.itl.count ? s.itl.p99 : null);
  data.completed.push(s.completed_per_second);
  data.failed.push(s.errors_per_second);
  run.charts.tokens.setData([data.x, data.tokens]);
  run.charts.latency.setData([data.x, data.ttft50, data.ttft99, data.itl50, data.itl99]);
  run.charts.errors.setData([data.x, data.completed, data.failed]);
  renderThresholds(s.thresholds);
}

function onPhaseEnded(p) {
  const row = document.querySelector("#phases tbody").insertRow();
  const added = p.added;
  for (const value of [p.phase, p.sent, p.failed, Math.round(p.tokens_per_second), pair(p.ttft), pair(p.itl),
    added ? pair(added.added_ttft) : "not joined", added ? pair(added.added_delay) : "not joined"]) {
    row.insertCell().textContent = value;
  }
  document.getElementById("phase-progress").value = document.getElementById("phase-progress").max;
  renderThresholds(p.thresholds);
}

function onReport(report) {
  text("status", `run over: ${report.verdict}`);
  document.getElementById("report-link").href = report.url;
  document.getElementById("report").hidden = false;
}

function connect() {
  setupCharts();
  const events = new EventSource("/events");
  events.onerror = () => { if (document.getElementById("report").hidden) text("status", "reconnecting…"); };
  const on = (type, handler) => events.addEventListener(type, (e) => handler(JSON.parse(e.data)));
  on("run", onRun);
  on("phase", onPhase);
  on("second", onSecond);
  on("phase-ended", onPhaseEnded);
  on("report", (r) => { onReport(r); events.close(); });
}

document.addEventListener("DOMContentLoaded", connect);
