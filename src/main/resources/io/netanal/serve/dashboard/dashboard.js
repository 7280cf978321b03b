// netanal collector dashboard: one WebSocket (/ws/dashboard) pushes a snapshot every 2 s; this page only draws it.
(function () {
  "use strict";
  const token = new URLSearchParams(location.search).get("token");
  const $ = (id) => document.getElementById(id);

  const units = ["", "k", "M", "G", "T", "P"];
  function human(n, base) {
    if (n == null || !isFinite(n)) return "–";
    let i = 0;
    while (Math.abs(n) >= base && i < units.length - 1) { n /= base; i++; }
    return (i === 0 ? Math.round(n).toString() : n.toFixed(n < 10 ? 2 : 1)) + (units[i] ? " " + units[i] : "");
  }
  const count = (n) => human(n, 1000);
  const bytes = (n) => human(n, 1000) + "B";
  const time = (decimalSeconds) => decimalSeconds
    ? new Date(parseFloat(decimalSeconds) * 1000).toISOString().replace("T", " ").slice(0, 19) : "–";
  // A sensor ships a file every few seconds; one silent for 2 minutes is marked stale.
  const STALE_SECONDS = 120;
  const ago = (seconds) => seconds < 60 ? seconds + " s ago" : seconds < 3600 ? Math.floor(seconds / 60) + " min ago"
    : Math.floor(seconds / 3600) + " h ago";
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[c]));

  function chart(el, label, color, format) {
    const opts = {
      width: el.clientWidth, height: 240, legend: { show: false }, cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        { stroke: "#7b8794", grid: { stroke: "#2a3240" }, ticks: { stroke: "#2a3240" } },
        { stroke: "#7b8794", grid: { stroke: "#2a3240" }, ticks: { stroke: "#2a3240" }, size: 84,
          values: (u, vals) => vals.map(format) },
      ],
      series: [{}, { label: label, stroke: color, width: 2, fill: color + "33", points: { show: false } }],
    };
    const plot = new uPlot(opts, [[], []], el);
    window.addEventListener("resize", () => plot.setSize({ width: el.clientWidth, height: 240 }));
    return plot;
  }
  const bandwidth = chart($("c-bandwidth"), "bits/s", "#5fb3f3", (v) => human(v, 1000) + "b/s");
  const SPAN_SECONDS = 600; // the charts always show the 10 minutes of packet time up to the newest window
  const packetRate = chart($("c-packets"), "packets/s", "#f2a65a", (v) => human(v, 1000));

  // Fixed row counts: tables never change height as data comes and goes.
  function rows(tbody, items, cells, size, emptyText) {
    const columns = tbody.parentElement.querySelectorAll("th").length;
    const html = [];
    for (let i = 0; i < size; i++) {
      const item = items[i];
      if (item) html.push("<tr>" + cells(item) + "</tr>");
      else html.push("<tr><td" + (i === 0 && items.length === 0 ? " class=\"empty\"" : "") + " colspan=\"" + columns + "\">"
        + (i === 0 && items.length === 0 ? emptyText : "&nbsp;") + "</td></tr>");
    }
    tbody.innerHTML = html.join("");
  }

  function draw(s) {
    const t = s.totals;
    $("t-packets").textContent = count(t.packets);
    $("t-bytes").textContent = bytes(t.bytes);
    $("t-files").textContent = count(t.files);
    $("t-sensors").textContent = count(t.sensors);
    $("t-alerts").textContent = count(t.alerts);
    $("t-rate").textContent = count(s.rates.packetsPerSecond) + " pkt/s";
    $("updated").textContent = "updated " + s.time.replace("T", " ").slice(0, 19) + " UTC · " + s.workersBusy + " busy · " + s.clients + " viewers";

    // Every window of the span, a window without traffic as 0: the store keeps only windows that saw packets, and
    // a line drawn straight between two distant windows would show traffic where there was none.
    const w = s.windowSeconds;
    const byStart = new Map(s.series.map((p) => [p.startSeconds, p]));
    const xs = [];
    if (s.series.length) {
      const last = s.series[s.series.length - 1].startSeconds;
      for (let x = last - SPAN_SECONDS + w; x <= last; x += w) xs.push(x);
    }
    const at = (x, f) => (byStart.has(x) ? f(byStart.get(x)) : 0);
    const bits = xs.map((x) => at(x, (p) => p.bytes * 8 / w));
    const packets = xs.map((x) => at(x, (p) => p.packets / w));
    for (const [plot, ys] of [[bandwidth, bits], [packetRate, packets]]) {
      plot.batch(() => {
        plot.setData([xs, ys], false);
        if (xs.length) {
          const end = xs[xs.length - 1] + w;
          plot.setScale("x", { min: end - SPAN_SECONDS, max: end });
        }
      });
    }

    const top = s.protocols.length ? s.protocols[0].packets : 0;
    $("protocols").innerHTML = s.protocols.slice(0, 8).map((p) =>
      "<div class=\"row\"><span>" + esc(p.name) + "</span><div class=\"bar\" style=\"width:" + (top ? (100 * p.packets / top) : 0).toFixed(1)
      + "%\"></div><span class=\"pct\">" + (t.packets ? (100 * p.packets / t.packets).toFixed(1) : "0.0") + "%</span></div>").join("");

    rows($("sources"), s.topSources, (r) => "<td title=\"" + esc(r.address) + "\">" + esc(r.name ? r.name + " (" + r.address + ")" : r.address) + "</td><td class=\"num\">" + count(r.packets)
      + "</td><td class=\"num\">" + bytes(r.bytes) + "</td>", 10, "no traffic stored yet");
    rows($("alerts"), s.alerts, (a) => "<td>" + time(a.time) + "</td><td>" + esc(a.kind) + "</td><td>" + esc(a.address)
      + "</td><td>" + esc(a.sensor) + "</td>", 10, "no alerts");
    const now = Date.parse(s.time);
    rows($("sensors"), s.sensors, (x) => {
      const age = Math.max(0, Math.round((now - Date.parse(x.lastSeen)) / 1000));
      const stale = age > STALE_SECONDS ? " class=\"stale\"" : "";
      return "<td" + stale + ">" + esc(x.name) + "</td><td class=\"num\">" + count(x.files) + "</td><td class=\"num\">"
        + count(x.packets) + "</td><td" + stale + ">" + ago(age) + "</td>";
    }, 10, "no sensor has uploaded yet");
  }

  let retry = 1000;
  function connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/dashboard"
      + (token ? "?token=" + encodeURIComponent(token) : "");
    const ws = new WebSocket(url);
    ws.onopen = () => { retry = 1000; $("status").className = "status live"; $("status").textContent = "live"; };
    ws.onmessage = (e) => draw(JSON.parse(e.data));
    ws.onclose = () => {
      $("status").className = "status down"; $("status").textContent = "disconnected, retrying";
      setTimeout(connect, retry); retry = Math.min(retry * 2, 15000);
    };
  }
  connect();
})();
