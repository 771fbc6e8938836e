// Draws the dashboard charts from the JSON block the page carries (no inline script: the CSP
// allows only nonce'd files). Each bar or point opens the filtered list behind it; the same
// numbers and links are in the table under each chart for keyboards and screen readers.
(function () {
  "use strict";

  var source = document.getElementById("dashboard-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var rtl = document.documentElement.getAttribute("dir") === "rtl";
  var colors = ["#1f6f5c", "#c9a227", "#3d7ea6", "#b5523b", "#6b5b95", "#5a8f29", "#8c6d46", "#2f4858", "#d4836b",
    "#4f9d9d", "#9e7bb5"];

  window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;

  var kinds = {
    stages: {type: "bar", indexAxis: "y"},
    channels: {type: "bar", indexAxis: "x"},
    referrals: {type: "bar", indexAxis: "x"},
    satisfaction: {type: "line", indexAxis: "x"}
  };

  function openFigure(urls) {
    return function (_event, elements) {
      if (elements.length && urls[elements[0].index]) {
        window.location.href = urls[elements[0].index];
      }
    };
  }

  function scales(kind, canvas) {
    var valueAxis = {beginAtZero: true, ticks: {precision: 0}};
    if (canvas.getAttribute("data-max")) {
      valueAxis = {min: 1, max: Number(canvas.getAttribute("data-max"))};
    }
    var categoryAxis = {ticks: {autoSkip: false}};
    // Right to left: the horizontal axis runs from the right and the vertical one stands on the right.
    var side = rtl ? "right" : "left";
    if (kind.indexAxis === "y") {
      return {x: Object.assign(valueAxis, {reverse: rtl}), y: Object.assign(categoryAxis, {position: side})};
    }
    return {x: Object.assign(categoryAxis, {reverse: rtl}), y: Object.assign(valueAxis, {position: side})};
  }

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var key = canvas.getAttribute("data-chart");
    var chart = data[key];
    var kind = kinds[key];
    if (!chart || !kind) {
      return;
    }
    new window.Chart(canvas, {
      type: kind.type,
      data: {
        labels: chart.labels,
        datasets: [{
          data: chart.values,
          backgroundColor: kind.type === "line" ? colors[0] : colors.slice(0, chart.values.length),
          borderColor: colors[0],
          tension: 0.2
        }]
      },
      options: {
        indexAxis: kind.indexAxis,
        maintainAspectRatio: false,
        plugins: {legend: {display: false}, tooltip: {rtl: rtl}},
        scales: scales(kind, canvas),
        onClick: openFigure(chart.urls),
        onHover: function (event, elements) {
          var target = event.native && event.native.target;
          if (target) {
            target.style.cursor = elements.length && chart.urls[elements[0].index] ? "pointer" : "default";
          }
        }
      }
    });
  });
}());
