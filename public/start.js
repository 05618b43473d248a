// Chấm điểm's start-up fetches. While the WebAssembly downloads, ask for the
// index and then for the ruleset the app will open: a portal link's (?bo=<id>),
// else the one opened last on this computer, else the index's default — the
// order src/app.rs opens in. The app takes these requests from
// window.chamdiemEarly (src/fetch.rs) instead of asking again, so a slow line
// costs one round trip less. Only files the index names are asked for.
(function () {
  // The app got here first (it marks this object when it finds none): it asks for itself.
  if (window.chamdiemEarly) return;
  var early = (window.chamdiemEarly = {});
  var index = (early['rulesets/index.json'] = fetch('rulesets/index.json'));
  // Settles once the ruleset's request is made (or none is): the app waits for
  // it before asking for a ruleset itself, so nothing is fetched twice.
  early.ready = index.then(function (r) { return r.clone().json(); }).then(function (ix) {
    var last = null;
    try { last = localStorage.getItem('chamdiem:v1:last-ruleset'); } catch (e) {}
    var wanted = [new URLSearchParams(location.search).get('bo'), last, ix['default']];
    for (var i = 0; i < wanted.length; i++) {
      var found = (ix.rulesets || []).filter(function (r) { return r.id === wanted[i]; })[0];
      if (found) {
        var p = (early['rulesets/' + found.file] = fetch('rulesets/' + found.file));
        p.catch(function () {}); // a failure is reported by the app when it takes the request
        return;
      }
    }
  }).catch(function () {});
})();
