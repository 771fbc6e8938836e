/* Names for the controls Flask-Admin's widgets draw without one, so screen readers can announce them:
   Select2's replacement of a <select> takes its field's label (and the value it shows), the list's row checkboxes carry their
   title, the (?) help icons of column headers their help text, and each filter's value the filter's
   name (Flask-Admin's filters.js draws the filter rows with no label). Widgets are drawn and redrawn by
   other scripts, so the names are given again whenever the page changes. */
(function () {
  function nameSelect2(container) {
    var label = document.querySelector('label[for="' + container.id.slice(5) + '"]');
    if (!label) { return; }
    var name = label.textContent.replace(/\s+/g, ' ').trim();
    container.querySelectorAll('input.select2-input, input.select2-focusser').forEach(function (control) {
      if (control.getAttribute('aria-label') !== name) { control.setAttribute('aria-label', name); }
    });
    // The choice shows the chosen value: its name is the label followed by that value, so what is
    // seen is what is announced (and what a speech user says).
    var choice = container.querySelector('a.select2-choice');
    var chosen = choice && choice.querySelector('.select2-chosen');
    if (!chosen) { return; }
    if (!label.id) { label.id = container.id + '-label'; }
    if (!chosen.id) { chosen.id = container.id + '-chosen'; }
    var names = label.id + ' ' + chosen.id;
    if (choice.getAttribute('aria-labelledby') !== names) { choice.setAttribute('aria-labelledby', names); }
    if (choice.hasAttribute('aria-label')) { choice.removeAttribute('aria-label'); }
  }

  function nameFromTitle(element) {
    var name = element.getAttribute('title') || element.getAttribute('data-original-title');
    if (name && element.getAttribute('aria-label') !== name) { element.setAttribute('aria-label', name); }
  }

  function nameFilter(row) {
    var title = row.querySelector('.remove-filter');
    if (!title) { return; }
    var name = title.textContent.replace('\u00d7', '').replace(/\s+/g, ' ').trim();
    row.querySelectorAll('input.filter-val, select.filter-val, .filter-val input.select2-focusser, .filter-val input.select2-input').forEach(function (control) {
      if (control.getAttribute('aria-label') !== name) { control.setAttribute('aria-label', name); }
    });
  }

  function nameAll() {
    document.querySelectorAll('.select2-container[id^="s2id_"]').forEach(nameSelect2);
    document.querySelectorAll('.action-rowtoggle, .action-checkbox, a.fa-question-circle').forEach(nameFromTitle);
    document.querySelectorAll('#filter_form .filters tr').forEach(nameFilter);
  }

  window.addEventListener('load', function () {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
