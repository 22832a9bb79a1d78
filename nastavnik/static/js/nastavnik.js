/* «Наставник»: the small behaviours of every page, without inline scripts (the Content-Security-Policy
   allows only scripts from our own static files).

   - <form data-confirm="Удалить?">: asks before submitting; «Отмена» keeps the page.
   - <select data-autosubmit>: submits its form when the choice changes. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof HTMLFormElement ? form.getAttribute("data-confirm") : null;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
})();
