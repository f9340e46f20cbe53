/* Antre live pages: one EventSource per page; the server sends ready HTML fragments.
   No framework, no inline script (the CSP forbids it). */
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) { return; }
  var offline = document.getElementById("offline");
  var button = document.getElementById("alerts");
  var audio = null;
  var source = null;
  var retry = null;
  var last = snapshot();

  function snapshot() {
    var card = live.querySelector("[data-status]");
    if (!card) { return null; }
    return { status: card.getAttribute("data-status"),
             recalls: Number(card.getAttribute("data-recalls") || 0) };
  }

  function beep() {
    if (!audio) { return; }
    var now = audio.currentTime;
    [0, 0.35].forEach(function (at) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, now + at);
      gain.gain.exponentialRampToValueAtTime(0.4, now + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + at);
      osc.stop(now + at + 0.32);
    });
  }

  function alertIfCalled(previous, current) {
    if (!current || current.status !== "called") { return; }
    var fresh = !previous || previous.status !== "called" || current.recalls > previous.recalls;
    if (!fresh) { return; }
    // Browsers allow vibration only after the visitor has touched the page.
    var touched = !navigator.userActivation || navigator.userActivation.hasBeenActive;
    if (navigator.vibrate && touched) {
      try { navigator.vibrate([400, 150, 400, 150, 700]); } catch (e) { /* not allowed */ }
    }
    beep();
  }

  function connect() {
    retry = null;
    source = new EventSource(live.getAttribute("data-stream"));
    source.onopen = function () { if (offline) { offline.hidden = true; } };
    source.onmessage = function (event) {
      var data = JSON.parse(event.data);
      live.innerHTML = data.html;
      if (offline) { offline.hidden = true; }
      var current = snapshot();
      alertIfCalled(last, current);
      last = current;
      document.body.setAttribute("data-updated", String(Date.now()));
    };
    source.addEventListener("gone", function () { source.close(); window.location.reload(); });
    source.onerror = function () {
      if (offline) { offline.hidden = false; }
      // The browser retries by itself unless the server answered with an error status.
      if (source.readyState === EventSource.CLOSED && retry === null) {
        retry = window.setTimeout(connect, 3000);
      }
    };
  }

  if (button) {
    button.addEventListener("click", function () {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (Context && !audio) { audio = new Context(); }
      if (audio && audio.state === "suspended") { audio.resume(); }
      if (navigator.vibrate) { try { navigator.vibrate(80); } catch (e) { /* ignored */ } }
      button.textContent = button.getAttribute("data-on");
      button.disabled = true;
    });
  }
  connect();
}());
