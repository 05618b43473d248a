// Chấm điểm's start-up fetches. While the WebAssembly downloads, ask for the
// index and for the ruleset the app will open: a portal link's (?bo=<id>),
// else the one opened last on this computer, else the index's default — the
// order src/app.rs opens in. The app takes these requests from
// window.chamdiemEarly (src/fetch.rs) instead of asking again, so on a slow
// line they are there when the wasm is. Below: what the page says when the
// app cannot start.
(function () {
  // The app got here first (it marks this object when it finds none): it asks for itself.
  if (window.chamdiemEarly) return;
  var early = (window.chamdiemEarly = {});
  var asked = {};
  function ask(file) {
    var url = 'rulesets/' + file;
    if (asked[url]) return;
    asked[url] = true;
    early[url] = fetch(url);
    early[url].catch(function () {}); // a failure is reported by the app if it takes the request
  }
  var link = new URLSearchParams(location.search).get('bo');
  var last = null;
  try { last = localStorage.getItem('chamdiem:v1:last-ruleset'); } catch (e) {}
  // Bundled rulesets are named <id>.json (a test holds rulesets/index.json to
  // it): ask for the likely one now, beside the index rather than after it —
  // by the time the index is read the main thread is busy starting the wasm,
  // which put the ruleset's request ~100 ms late. The app uses it only if the
  // index names that file; an id that is no file costs one 404, unused.
  var guess = link || last;
  if (guess && /^[a-z0-9][a-z0-9-]{0,99}$/.test(guess)) ask(guess + '.json');
  var index = (early['rulesets/index.json'] = fetch('rulesets/index.json'));
  // Settles once the ruleset's request is made (or none is): the app waits for
  // it before asking for a ruleset itself, so nothing is fetched twice.
  early.ready = index.then(function (r) { return r.clone().json(); }).then(function (ix) {
    var wanted = [link, last, ix['default']];
    for (var i = 0; i < wanted.length; i++) {
      var found = (ix.rulesets || []).filter(function (r) { return r.id === wanted[i]; })[0];
      if (found) return ask(found.file);
    }
  }).catch(function () {});
})();

// If the app cannot start — no WebAssembly in this browser, its files missing
// or refused, an error while it starts — say so in place of "Đang tải…",
// instead of leaving that there for ever. Once the app runs it removes #boot
// (src/app.rs, end_boot) and reports its own errors; an error from elsewhere
// shown meanwhile goes with #boot when the app starts after all.
(function () {
  var started = false, shown = false;
  addEventListener('TrunkApplicationStarted', function () { started = true; });
  function fail(why, noWasm) {
    var boot = document.getElementById('boot');
    if (started || window.wasmBindings || shown || !boot) return; // wasmBindings: set by Trunk's loader once started
    shown = true;
    var en = false;
    try { en = localStorage.getItem('chamdiem:v1:lang') === 'en'; } catch (e) {}
    var text = noWasm
      ? (en ? 'This browser cannot run the app: it has no WebAssembly. Use a recent Chrome, Edge, Firefox or Cốc Cốc.'
            : 'Trình duyệt này không chạy được ứng dụng (không có WebAssembly). Hãy dùng bản mới của Chrome, Edge, Firefox hoặc Cốc Cốc.')
      : (en ? 'The app could not be started. Reload the page; if it happens again, tell whoever runs this site.'
            : 'Không mở được ứng dụng. Hãy tải lại trang; nếu vẫn không được, hãy báo cho nơi quản lý trang này.');
    boot.setAttribute('role', 'alert');
    boot.className = 'boot-failed';
    boot.textContent = text;
    if (why) {
      var code = document.createElement('code');
      code.textContent = String(why).slice(0, 300);
      boot.appendChild(document.createElement('br'));
      boot.appendChild(code);
    }
  }
  function whenReady(f) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', f);
    else f();
  }
  if (typeof WebAssembly !== 'object') {
    whenReady(function () { fail('', true); });
    return;
  }
  function onError(e) {
    var t = e.target;
    if (e.type === 'unhandledrejection') whenReady(function () { fail(e.reason); });
    else if (t && t.tagName === 'SCRIPT') whenReady(function () { fail((t.src || 'script') + ': not loaded'); });
    else if (e.error || e.message) whenReady(function () { fail(e.error || e.message); });
  }
  // Capturing: a script that fails to load fires "error" on its element, which does not bubble.
  addEventListener('error', onError, true);
  addEventListener('unhandledrejection', onError);
  // What failed before this script (loaded async) ran: index.html's first
  // inline script kept those events (a small wasm glue can fail that early).
  (window.chamdiemFailed || []).forEach(onError);
})();
