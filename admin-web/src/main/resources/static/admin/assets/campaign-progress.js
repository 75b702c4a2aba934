// The campaign page follows a scheduled or sending campaign: it polls the small progress JSON every few seconds,
// updates the numbers in place, and stops once the campaign is no longer live (no full page reload).
(function () {
  var box = document.getElementById('campaign-progress');
  var url = box && box.getAttribute('data-progress-url');
  if (!url) { return; }
  var every = 3000;
  function show(data) {
    document.querySelectorAll('[data-progress-field]').forEach(function (el) {
      var name = el.getAttribute('data-progress-field');
      var value = data[name];
      if (name === 'percent') {
        el.style.width = value + '%';
        el.textContent = value + '%';
        el.parentElement.setAttribute('aria-valuenow', value);
      } else if (name === 'estimatedFinish') {
        el.textContent = value || 'not known yet';
      } else if (value !== undefined && value !== null) {
        el.textContent = value;
      }
    });
  }
  function poll() {
    fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        show(data);
        if (data.live) {
          setTimeout(poll, every);
        } else {
          var note = document.getElementById('live-note');
          if (note) { note.textContent = '(finished: ' + data.status + ')'; }
        }
      })
      .catch(function () { setTimeout(poll, every * 3); }); // a hiccup: try again, less often
  }
  setTimeout(poll, every);
})();
