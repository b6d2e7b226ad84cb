// report.html: draws each chart with uPlot from the numbers beside its SVG, then hides the SVG (kept for readers without
// JavaScript and for print). Inlined into the report by HtmlReport, so it runs offline.
"use strict";

(function () {
  const colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
  for (const script of document.querySelectorAll("script.chart-data")) {
    const spec = JSON.parse(script.textContent);
    const svg = script.previousElementSibling;
    if (spec.x.length === 0 || typeof uPlot === "undefined") continue;
    const figure = document.createElement("figure");
    figure.className = "uplot-chart";
    const caption = document.createElement("figcaption");
    caption.textContent = spec.title;
    figure.append(caption);
    script.after(figure);
    new uPlot({
      width: 760, height: 300,
      scales: { x: { time: false, distr: spec.log_x ? 3 : 1 } },
      axes: [{ label: spec.x_label }, { label: spec.y_label }],
      series: [{ label: spec.x_label },
        ...spec.series.map((s, i) => ({ label: s.name, stroke: colors[i % colors.length], width: 2, dash: s.dashed ? [6, 4] : undefined,
          spanGaps: true }))],
    }, [spec.x, ...spec.series.map((s) => s.y)], figure);
    svg.classList.add("svg-fallback");
  }
})();
