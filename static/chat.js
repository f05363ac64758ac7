// The web chat's small script. The page works without it; with it:
// - "Leave quickly" (and Esc pressed three times) replaces the page with a neutral site, so
//   Back does not return to the chat;
// - messages are sent without adding to the tab's history, and new ones (a link worker's
//   reply) appear every few seconds without reloading.
(function () {
  "use strict";
  var exit = document.getElementById("quick-exit");
  function leave() {
    document.title = "";
    document.body.innerHTML = "";
    window.location.replace(exit ? exit.href : "about:blank");
  }
  if (exit) {
    exit.addEventListener("click", function (e) { e.preventDefault(); leave(); });
  }
  var presses = 0, timer = null;
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1500);
    if (presses >= 3) { leave(); }
  });

  var part = document.getElementById("part");
  if (!part) { return; }
  var box = document.getElementById("text");
  function last(el) {
    var p = el.querySelector(".part");
    return p ? p.getAttribute("data-last") : "";
  }
  function show(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    if (last(holder) === last(part)) { return; }
    part.innerHTML = html;
    window.scrollTo(0, document.body.scrollHeight);
  }
  function refresh() {
    return fetch("/chat/part", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { show(html); } })
      .catch(function () {});
  }
  // Posts through fetch: the form's own fields, and the button pressed.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form || form.getAttribute("action") !== "/chat/send" || !window.fetch || !window.FormData) { return; }
    e.preventDefault();
    var data = new FormData(form);
    if (e.submitter && e.submitter.name) { data.append(e.submitter.name, e.submitter.value); }
    var buttons = form.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
    fetch("/chat/send", { method: "POST", body: new URLSearchParams(data), credentials: "same-origin", redirect: "follow" })
      .then(function (r) {
        if (r.redirected && r.url.indexOf("/chat") !== -1 && r.status === 200) {
          if (form.id === "say" && box) { box.value = ""; }
          return refresh();
        }
        // A kind message from the server (too long, too fast): shown as its page.
        return r.text().then(function (html) { document.open(); document.write(html); document.close(); });
      })
      .catch(function () {})
      .then(function () {
        for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = false; }
        var fresh = document.querySelector("#say input[name=id]");
        if (fresh && form.id === "say") { fresh.value = Math.random().toString(36).slice(2) + Date.now().toString(36); }
      });
  });
  setInterval(refresh, 3000);
  window.scrollTo(0, document.body.scrollHeight);
})();
