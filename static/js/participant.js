// The participant page, enhanced: a live countdown before the start, attendance
// heartbeats while the seminar is on, and hls.js for self-hosted streams.
// Everything here is optional: without JavaScript a visit still counts.
(function () {
  'use strict';
  var page = document.querySelector('.participant');
  if (!page) return;

  var countdown = page.querySelector('[data-countdown]');
  var startsIn = parseInt(page.getAttribute('data-starts-in'), 10);
  if (countdown && startsIn > 0) {
    var lang = document.documentElement.lang === 'en' ? 'en' : 'pl';
    var startAt = Date.now() + startsIn * 1000;
    var label = lang === 'en' ? 'Time left: ' : 'Do rozpoczęcia: ';
    var tick = function () {
      var left = Math.max(0, Math.round((startAt - Date.now()) / 1000));
      var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60);
      countdown.textContent = label + (d ? d + (lang === 'en' ? ' d ' : ' d ') : '') + h + ' h ' + m + ' min';
      countdown.hidden = false;
    };
    tick();
    setInterval(tick, 30000);
  }

  var heartbeat = page.getAttribute('data-heartbeat');
  if (heartbeat) {
    var beat = function () {
      if (document.visibilityState !== 'visible') return;
      fetch(heartbeat, { method: 'POST', credentials: 'same-origin', keepalive: true }).catch(function () {});
    };
    beat();
    setInterval(beat, 60000);
  }

  // Safari plays HLS natively; elsewhere hls.js (loaded by the page only when a
  // stream is HLS) feeds the <video> through Media Source Extensions. No worker:
  // hls.js would build it from a blob: URL, which our CSP (rightly) refuses.
  Array.prototype.forEach.call(page.querySelectorAll('video[data-hls]'), function (video) {
    var source = video.getAttribute('data-hls');
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = source;
    } else if (window.Hls && window.Hls.isSupported()) {
      var hls = new window.Hls({ enableWorker: false });
      hls.loadSource(source);
      hls.attachMedia(video);
    }
  });
})();
