// Adds an inline sub-form (household members, required items) from a data attribute
// instead of Flask-Admin's inline onclick, which our Content-Security-Policy forbids,
// then ties each label of the new sub-form to its prefixed field (Flask-Admin leaves
// `for="full_name"` on a field whose id is `members-0-full_name`).
// Loaded once per inline list; the flag keeps one listener for the page.
if (!window.silaInlineForms) {
  window.silaInlineForms = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-sila-inline]");
    if (!button) {
      return;
    }
    event.preventDefault();
    var list = document.getElementById(button.getAttribute("data-sila-inline"));
    faForm.addInlineField(button, button.getAttribute("data-sila-inline"));
    var fields = list.querySelectorAll(".inline-field-list > .inline-field");
    var added = fields[fields.length - 1];
    added.querySelectorAll("label[for]").forEach(function (label) {
      var target = added.id + "-" + label.getAttribute("for");
      if (added.querySelector("#" + CSS.escape(target))) {
        label.setAttribute("for", target);
      }
    });
  });
}
