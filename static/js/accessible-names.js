/* Names for the controls Flask-Admin's widgets draw without one, so screen readers can announce them:
   Select2's replacement of a <select> takes its field's label, the list's row checkboxes carry their
   title, and the (?) help icons of column headers their help text. Widgets are drawn and redrawn by
   other scripts, so the names are given again whenever the page changes. */
(function () {
  function nameSelect2(container) {
    var label = document.querySelector('label[for="' + container.id.slice(5) + '"]');
    if (!label) { return; }
    var name = label.textContent.replace(/\s+/g, ' ').trim();
    container.querySelectorAll('a.select2-choice, input.select2-input, input.select2-focusser').forEach(function (control) {
      if (control.getAttribute('aria-label') !== name) { control.setAttribute('aria-label', name); }
    });
  }

  function nameFromTitle(element) {
    var name = element.getAttribute('title') || element.getAttribute('data-original-title');
    if (name && element.getAttribute('aria-label') !== name) { element.setAttribute('aria-label', name); }
  }

  function nameAll() {
    document.querySelectorAll('.select2-container[id^="s2id_"]').forEach(nameSelect2);
    document.querySelectorAll('.action-rowtoggle, .action-checkbox, a.fa-question-circle').forEach(nameFromTitle);
  }

  window.addEventListener('load', function () {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
