/* «Наставник»: the small behaviours of every page, without inline scripts (the Content-Security-Policy
   allows only scripts from our own static files).

   - <form data-confirm="Удалить?">: asks before submitting; «Отмена» keeps the page.
   - <button data-confirm="…">, <a data-confirm="…"> (and <input type="submit">): asks on the click
     (the Enter key in a form clicks its default button too); «Отмена» stops the click, and a form
     submitted by a button that asked does not ask its own question again.
   - <select data-autosubmit>: submits its form when the choice changes. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var control = event.target instanceof Element
      ? event.target.closest("button[data-confirm], a[data-confirm], input[data-confirm]")
      : null;
    if (!control || control.disabled) {
      return;
    }
    if (!window.confirm(control.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof HTMLFormElement ? form.getAttribute("data-confirm") : null;
    var submitter = event.submitter;
    if (submitter && submitter.hasAttribute("data-confirm")) {
      return; // asked on the button's click
    }
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
