// The switchboard: every scenario with its timing, the active scenario, releasing paused streams, clearing the journal.
"use strict";

async function loadScenarios() {
  const response = await fetch("/__fake/scenarios");
  const scenarios = await response.json();
  const body = document.querySelector("#scenarios tbody");
  body.replaceChildren();
  for (const s of scenarios) {
    const row = body.insertRow();
    row.className = s.active ? "active" : "";
    fakeConsole.cell(row, s.name);
    fakeConsole.cell(row, s.description);
    fakeConsole.cell(row, s.timing);
    fakeConsole.cell(row, s.faults.join(", "), s.faults.length ? "fault" : "");
    fakeConsole.cell(row, s.models.join(", "));
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = s.active ? "Active" : "Make active";
    button.setAttribute("aria-label", `Make ${s.name} the active scenario`);
    button.addEventListener("click", async () => {
      await fakeConsole.api("PUT", "/__fake/active-scenario", { name: s.name });
      await loadScenarios();
    });
    row.insertCell().append(button);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("clear-active").addEventListener("click", async () => {
    await fakeConsole.api("DELETE", "/__fake/active-scenario");
    await loadScenarios();
  });
  document.getElementById("release").addEventListener("click", () => fakeConsole.api("POST", "/__fake/release"));
  document.getElementById("clear-journal").addEventListener("click", async () => {
    await fakeConsole.api("DELETE", "/__fake/journal");
    await loadJournal();
  });
  fakeConsole.listeners.streams.push((tick) => {
    const shown = document.querySelector("#scenarios tr.active td")?.textContent ?? null;
    if (shown !== tick.active_scenario) loadScenarios();
  });
  loadScenarios();
});
