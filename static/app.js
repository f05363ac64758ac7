// linkup dashboard: refreshes the queue and the conversation without a reload (short polling).
// The conversation asks only for what changed: entries after the last one shown, and the
// link-worker messages still waiting to be delivered.
"use strict";
async function fetchPart(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
  if (response.redirected || response.status === 401) { window.location = "/login"; return null; }
  if (!response.ok || response.status === 204) { return null; }
  return response.text();
}
function poll(element, url, every) {
  async function refresh() {
    try {
      const html = await fetchPart(url);
      if (html !== null && element.innerHTML !== html) { element.innerHTML = html; }
    } catch (e) { /* the next refresh tries again */ }
  }
  setInterval(refresh, every);
}
function follow(list, every) {
  async function refresh() {
    try {
      const shown = list.querySelectorAll("li[data-id]");
      const last = shown.length ? shown[shown.length - 1].dataset.id : "0";
      const pending = Array.from(list.querySelectorAll("li[data-pending]")).slice(-20).map(function (li) { return li.dataset.id; });
      const html = await fetchPart(list.dataset.src + "?after=" + encodeURIComponent(last) + "&pending=" + pending.join(","));
      if (html === null) { return; }
      const parts = document.createElement("template");
      parts.innerHTML = html;
      let added = false;
      Array.from(parts.content.children).forEach(function (li) {
        const old = list.querySelector('li[data-id="' + li.dataset.id + '"]');
        if (old) { old.replaceWith(li); } else { list.appendChild(li); added = true; }
      });
      if (added) { list.scrollTop = list.scrollHeight; }
    } catch (e) { /* the next refresh tries again */ }
  }
  setInterval(refresh, every);
}
document.addEventListener("DOMContentLoaded", function () {
  const queue = document.getElementById("queue");
  if (queue) { poll(document.getElementById("queue-rows"), queue.dataset.rows, 3000); }
  const conversation = document.getElementById("conversation");
  if (conversation) {
    conversation.scrollTop = conversation.scrollHeight;
    follow(conversation, 3000);
  }
});
