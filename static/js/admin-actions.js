// Runs Flask-Admin's bulk actions from data attributes instead of inline onclick,
// which our Content-Security-Policy forbids.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-sila-action]");
  if (!link) {
    return;
  }
  event.preventDefault();
  modelActions.execute(link.getAttribute("data-sila-action"));
});
