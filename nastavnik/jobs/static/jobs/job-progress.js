/* Progress of a background job: polls the JSON status and redraws the Bootstrap progress bar;
   when the job is finished, reloads the page, which then shows the result. */
(function () {
  "use strict";

  var root = document.querySelector("[data-job-status-url]");
  if (!root || root.getAttribute("data-job-finished") === "true") {
    return;
  }
  var url = root.getAttribute("data-job-status-url");
  var progress = root.querySelector("[role=progressbar]");
  var bar = root.querySelector(".progress-bar");
  var status = root.querySelector("[data-testid=job-status]");
  var message = root.querySelector("[data-testid=job-message]");
  var delay = 500;

  function render(state) {
    var known = state.total > 0;
    bar.style.width = (known ? state.percent : 100) + "%";
    bar.textContent = state.percent + " %";
    progress.setAttribute("aria-valuenow", String(state.percent));
    status.textContent = state.status_label;
    // The job's own message says what is counted (rows, files…); the bar shows the share.
    message.textContent = state.message || "Задание ждёт своей очереди…";
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        render(state);
        if (state.finished) {
          window.location.reload();
          return;
        }
        delay = 500;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 5000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
