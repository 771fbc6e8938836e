/* The application form: show only the chosen service's document inputs.
   Without JavaScript every service's inputs stay visible under its name; the
   server reads only the chosen service's files either way. */
(function () {
  "use strict";
  var select = document.getElementById("service_type");
  var groups = document.querySelectorAll(".portal-documents");
  if (!select || !groups.length) {
    return;
  }
  function show() {
    var chosen = select.value;
    Array.prototype.forEach.call(groups, function (group) {
      var visible = chosen === "0" || group.getAttribute("data-service") === chosen;
      group.hidden = !visible;
      if (!visible) {
        Array.prototype.forEach.call(group.querySelectorAll("input[type=file]"), function (input) {
          input.value = "";
        });
      }
    });
  }
  select.addEventListener("change", show);
  show();
})();
