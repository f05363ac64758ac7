// linkup dashboard: refreshes the queue and the conversation without a reload (short polling).
"use strict";
function poll(element, url, every) {
  async function refresh() {
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
      if (response.redirected || response.status === 401) { window.location = "/login"; return; }
      if (response.ok) {
        const html = await response.text();
        if (element.innerHTML !== html) {
          element.innerHTML = html;
          if (element.dataset.src) { element.scrollTop = element.scrollHeight; }
        }
      }
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
    poll(conversation, conversation.dataset.src, 3000);
  }
});
