// Console behaviour without inline scripts (the CSP allows only this file): live template preview.
(function () {
  'use strict';
  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = {'Content-Type': 'application/x-www-form-urlencoded'};
    if (token && header) { headers[header.content] = token.content; }
    return headers;
  }

  function setUpPreview() {
    var form = document.getElementById('template-form');
    var frame = document.getElementById('preview');
    if (!form || !frame) { return; }
    var contact = document.getElementById('preview-contact');
    var error = document.getElementById('preview-error');
    var subject = document.getElementById('preview-subject');
    var timer = null;
    function refresh() {
      var body = new URLSearchParams();
      ['subject', 'htmlBody', 'textBody'].forEach(function (name) { body.append(name, form.elements[name].value); });
      body.append('contact', contact.value);
      fetch(form.dataset.previewUrl, {method: 'POST', headers: csrfHeaders(), body: body.toString(), credentials: 'same-origin'})
        .then(function (response) { return response.json(); })
        .then(function (result) {
          if (result.error) {
            error.textContent = result.error;
            error.classList.remove('d-none');
            return;
          }
          error.classList.add('d-none');
          subject.textContent = result.subject;
          frame.srcdoc = result.html;
        })
        .catch(function () { error.textContent = 'The preview could not be loaded.'; error.classList.remove('d-none'); });
    }
    function later() { clearTimeout(timer); timer = setTimeout(refresh, 400); }
    form.addEventListener('input', later);
    contact.addEventListener('change', refresh);
    refresh();
  }

  // Charts: each canvas with data-chart = {type, labels, datasets}; Chart.js comes from its webjar.
  function drawCharts() {
    if (typeof Chart === 'undefined') { return; }
    Chart.defaults.color = '#adb5bd';
    Chart.defaults.borderColor = 'rgba(255,255,255,0.1)';
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var spec = JSON.parse(canvas.dataset.chart);
      canvas.chart = new Chart(canvas, {
        type: spec.type,
        data: {labels: spec.labels, datasets: spec.datasets},
        options: {animation: false, plugins: {legend: {display: spec.datasets.length > 1}},
          scales: spec.type === 'doughnut' ? {} : {y: {beginAtZero: true, ticks: {precision: 0}}}}
      });
      canvas.dataset.drawn = 'true';
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    setUpPreview();
    drawCharts();
  });
}());
