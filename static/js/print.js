// The attestation page's print button, kept out of inline handlers for a strict CSP.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
