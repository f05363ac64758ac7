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
  var box = document.getElementById("text");
  function last(el) {
    var p = el.querySelector(".part");
    return p ? p.getAttribute("data-last") : "";
  }
  var said = document.getElementById("said");
  function show(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    if (last(holder) === last(part)) { return; }
    var before = part.querySelectorAll("li.bubble").length;
    part.innerHTML = html;
    // Only the new messages are read out to a screen reader, not the whole chat again.
    var bubbles = part.querySelectorAll("li.bubble");
    var fresh = [];
    for (var i = before; i < bubbles.length; i++) { fresh.push(bubbles[i].textContent.replace(/\s+/g, " ").trim()); }
    if (said && fresh.length) { said.textContent = fresh.join(". "); }
    window.scrollTo(0, document.body.scrollHeight);
  }
  function refresh() {
    return fetch("/chat/part", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { show(html); } })
      .catch(function () {});
  }
  function freshId() {
    return Math.random().toString(36).slice(2) + Date.now().toString(36);
  }
  // Posts through fetch: the form's own fields, and the button pressed. The form gets its next
  // message id at once, so a quick second message is never taken for a repeat of this one;
  // the box is emptied at once too, and filled again if the message could not be sent.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var action = form ? form.getAttribute("action") : "";
    if ((action !== "/chat/send" && action !== "/chat/return") || !window.fetch || !window.FormData) { return; }
    e.preventDefault();
    var data = new FormData(form);
    if (e.submitter && e.submitter.name) { data.append(e.submitter.name, e.submitter.value); }
    var id = form.querySelector("input[name=id]");
    if (id) { id.value = freshId(); }
    // (Not `form.id`: the form's field named "id" hides it.)
    var typed = form.getAttribute("id") === "say" && box ? box.value : null;
    if (typed !== null) { box.value = ""; }
    fetch(action, { method: "POST", body: new URLSearchParams(data), credentials: "same-origin", redirect: "follow" })
      .then(function (r) {
        if (r.redirected && r.status === 200) {
          // The start page becomes the chat in the same history entry: Back never returns to it.
          if (!part) { window.location.replace("/chat"); return null; }
          return refresh();
        }
        // A kind message from the server (too long, too fast): shown as its page, the words kept.
        return r.text().then(function (html) { document.open(); document.write(html); document.close(); });
      })
      .catch(function () { if (typed !== null && box.value === "") { box.value = typed; } });
  });
  if (!part) { return; }
  setInterval(refresh, 3000);
  window.scrollTo(0, document.body.scrollHeight);
})();
