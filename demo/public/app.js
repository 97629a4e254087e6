// Planboard's own front end (the demo host app). It only talks to Tenure through the public
// snippet API: Tenure('open' | 'on' | 'track' | 'shutdown', …).
(function () {
  var T = function () {
    window.Tenure.apply(null, arguments);
  };

  document.querySelectorAll("[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      // Switching accounts resets the user choice to that account's admin.
      if (select.name === "account") {
        var user = select.form.querySelector('[name="user"]');
        if (user) user.value = "admin";
      }
      select.form.submit();
    });
  });

  document.querySelectorAll("[data-tenure-open]").forEach(function (button) {
    button.addEventListener("click", function () {
      T("open", button.getAttribute("data-tenure-open"));
    });
  });

  // The host disables writes when Tenure says read-only, and hides the account's data when blocked
  // (a hard lock). Planboard's server checks GET /v1/accounts/{id}/entitlement before writes too.
  T("on", "state", function (s) {
    document.getElementById("tenure-state").textContent = "state: " + s.state + (s.state === "locked" ? " (" + s.lockMode + ")" : "");
    document.getElementById("read-only").hidden = !s.readOnly;
    document.querySelectorAll("[data-write]").forEach(function (el) {
      el.disabled = s.readOnly;
    });
    document.querySelectorAll(".board").forEach(function (el) {
      el.hidden = !!s.blocked;
    });
  });

  document.getElementById("new-task").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = document.getElementById("task");
    var li = document.createElement("li");
    li.className = "card";
    li.textContent = input.value;
    document.getElementById("todo").prepend(li);
    T("track", "task_created", { length: input.value.length });
    input.value = "";
  });

  // Real usage signals as the visitor works: they tick the onboarding checklist and feed health.
  var ACTIONS = {
    invite: ["teammate_invited", { via: "email" }, "Invitation sent to a teammate."],
    report: ["feature.used", { feature: "report.open", module: "reports" }, "Opened the “Project health” report."],
    export: ["feature.used", { feature: "export", module: "board" }, "Exported the board as CSV."],
  };
  document.querySelectorAll("[data-track]").forEach(function (button) {
    button.addEventListener("click", function () {
      var action = ACTIONS[button.getAttribute("data-track")];
      T("track", action[0], action[1]);
      document.getElementById("activity").textContent = action[2];
    });
  });

  document.getElementById("logout").addEventListener("click", function () {
    T("shutdown");
    document.getElementById("signed-out").hidden = false;
  });
})();
