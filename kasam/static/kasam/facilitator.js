// The facilitator's screen: one screen at a time, moved by keyboard or the links, and a countdown
// timer. Every screen is already in the page, so nothing is fetched once it has opened (it works
// offline). Without this script the links move screen by screen through ?steg=N.
(function () {
  "use strict";
  const body = document.body;
  const steps = Array.from(document.querySelectorAll(".step"));
  const position = document.getElementById("position");
  const previous = document.getElementById("previous");
  const next = document.getElementById("next");
  const display = document.getElementById("timer-display");
  const done = document.getElementById("timer-done");
  const toggle = document.getElementById("timer-toggle");
  const reset = document.getElementById("timer-reset");
  const total = Number(body.dataset.seconds);
  const positionTemplate = position.textContent.replace(/\d+/, "{current}").replace(/\d+/, "{total}");
  let current = Number(body.dataset.step);
  let left = total;
  let ticking = null;

  function show(number) {
    current = Math.min(Math.max(number, 1), steps.length);
    steps.forEach(function (step, index) { step.hidden = index + 1 !== current; });
    position.textContent = positionTemplate.replace("{current}", current).replace("{total}", steps.length);
    previous.setAttribute("aria-disabled", String(current === 1));
    next.setAttribute("aria-disabled", String(current === steps.length));
    history.replaceState(null, "", "?steg=" + current);
  }

  function render() {
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    display.textContent = minutes + ":" + seconds;
    body.classList.toggle("time-up", left === 0);
  }

  function stop() {
    clearInterval(ticking);
    ticking = null;
    toggle.textContent = body.dataset.startLabel;
  }

  function startOrPause() {
    if (ticking) { stop(); return; }
    if (left === 0) { left = total; done.textContent = ""; }
    toggle.textContent = body.dataset.pauseLabel;
    ticking = setInterval(function () {
      left = Math.max(left - 1, 0);
      render();
      if (left === 0) { stop(); done.textContent = body.dataset.doneLabel; }
    }, 1000);
  }

  previous.addEventListener("click", function (event) { event.preventDefault(); show(current - 1); });
  next.addEventListener("click", function (event) { event.preventDefault(); show(current + 1); });
  toggle.addEventListener("click", startOrPause);
  reset.addEventListener("click", function () { stop(); left = total; done.textContent = ""; render(); });
  toggle.hidden = false;
  reset.hidden = false;

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest("button, a")) {
      if (!(event.key === "ArrowRight" || event.key === "ArrowLeft")) { return; }
    }
    if (event.key === "ArrowRight" || event.key === " " || event.key === "PageDown") {
      event.preventDefault(); show(current + 1);
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      event.preventDefault(); show(current - 1);
    } else if (event.key === "t" || event.key === "T") {
      startOrPause();
    } else if ((event.key === "f" || event.key === "F") && document.documentElement.requestFullscreen) {
      if (document.fullscreenElement) { document.exitFullscreen(); } else { document.documentElement.requestFullscreen(); }
    }
  });
  render();
}());
