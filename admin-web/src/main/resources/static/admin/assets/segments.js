// The segment builder: tags and condition rows kept as the definition JSON in the form (the same JSON the API takes),
// with a live count and sample from /admin/segments/preview while the marketer edits.
(function () {
  'use strict';
  var form = document.getElementById('segment-form');
  if (!form) { return; }
  var definition = document.getElementById('segment-definition');
  var rows = document.getElementById('conditions');
  var template = document.getElementById('condition-row');
  var CAMPAIGN = ['opened', 'clicked', 'didNotOpen', 'didNotClick'];
  var timer = null;

  function csrf(headers) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) { headers[header.content] = token.content; }
    return headers;
  }
  function list(text) {
    return text.split(',').map(function (t) { return t.trim(); }).filter(function (t) { return t.length > 0; });
  }
  function field(row, name) { return row.querySelector('[data-field="' + name + '"]'); }

  function condition(row) {
    var type = field(row, 'type').value, a = field(row, 'a').value.trim(), b = field(row, 'b').value;
    var human = field(row, 'human').checked;
    if (type === 'attributeEquals' || type === 'attributeContains') { return {type: type, key: a, value: b}; }
    if (type === 'attributeExists') { return {type: type, key: a}; }
    if (type === 'emailDomain') { return {type: type, domain: a}; }
    if (type === 'createdSince') { return {type: type, since: a.length === 10 ? a + 'T00:00:00Z' : a}; }
    if (CAMPAIGN.indexOf(type) >= 0) { return {type: type, campaignId: Number(a), humanOnly: human}; }
    if (type === 'inactiveForDays') { return {type: type, days: Number(a)}; }
    return {type: type, score: Number(a)};
  }

  function write() {
    var tags = {};
    form.querySelectorAll('[data-tags]').forEach(function (input) { tags[input.getAttribute('data-tags')] = list(input.value); });
    var conditions = [];
    rows.querySelectorAll('.condition').forEach(function (row) { conditions.push(condition(row)); });
    definition.value = JSON.stringify({tags: tags, conditions: conditions});
    later();
  }

  function addRow(c) {
    var row = template.content.firstElementChild.cloneNode(true);
    if (c) {
      field(row, 'type').value = c.type;
      var a = c.key || c.domain || c.since || c.campaignId || c.days || (c.score !== undefined ? c.score : '');
      field(row, 'a').value = a;
      field(row, 'b').value = c.value || '';
      field(row, 'human').checked = c.humanOnly !== false;
    }
    row.querySelector('[data-remove]').addEventListener('click', function () { row.remove(); write(); });
    rows.appendChild(row);
  }

  function read() {
    var d;
    try { d = JSON.parse(definition.value); } catch (e) { return; }
    var tags = d.tags || {};
    form.querySelectorAll('[data-tags]').forEach(function (input) {
      input.value = (tags[input.getAttribute('data-tags')] || []).join(', ');
    });
    (d.conditions || []).forEach(addRow);
  }

  function preview() {
    var body = new URLSearchParams();
    body.append('definition', definition.value);
    fetch(form.getAttribute('data-preview-url'), {method: 'POST', credentials: 'same-origin',
      headers: csrf({'Content-Type': 'application/x-www-form-urlencoded'}), body: body.toString()})
      .then(function (r) { return r.json(); })
      .then(function (result) {
        var error = document.getElementById('segment-preview-error');
        var sample = document.getElementById('segment-sample');
        sample.textContent = '';
        if (result.error) {
          error.textContent = result.error;
          error.classList.remove('d-none');
          document.getElementById('segment-count').textContent = '–';
          return;
        }
        error.classList.add('d-none');
        document.getElementById('segment-count').textContent = result.count;
        document.getElementById('segment-description').textContent = result.description;
        result.sample.forEach(function (m) {
          var li = document.createElement('li');
          li.textContent = m.email + (m.firstName ? ' (' + m.firstName + (m.lastName ? ' ' + m.lastName : '') + ')' : '');
          sample.appendChild(li);
        });
      });
  }
  function later() { clearTimeout(timer); timer = setTimeout(preview, 400); }

  read();
  form.addEventListener('input', function (e) { if (e.target !== definition) { write(); } else { later(); } });
  form.addEventListener('change', function (e) { if (e.target !== definition) { write(); } });
  document.getElementById('add-condition').addEventListener('click', function () { addRow(null); write(); });
  preview();
})();
