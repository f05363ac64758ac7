// linkup dashboard: refreshes the queue and the conversation without a reload (short polling).
// Every few seconds; an open tab that only refreshes itself still signs out when idle.
// The conversation asks only for what changed: entries after the last one shown, and the
// link-worker messages still waiting to be delivered.
"use strict";
async function fetchResponse(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
  if (response.redirected || response.status === 401) { window.location = "/login"; return null; }
  // 205: what the page shows is gone (deleted at the young person's request): load it afresh.
  if (response.status === 205) { window.location.reload(); return null; }
  if (!response.ok || response.status === 204) { return null; }
  return response;
}
async function fetchPart(url) {
  const response = await fetchResponse(url);
  return response === null ? null : response.text();
}
// The queue: refreshed in place, keeping keyboard focus; a new urgent case changes the tab's
// title, can play a sound and raise a browser notification, and new cases are announced.
// Every urgent case of the team, whatever the filters, from the rows' X-Linkup-Urgent header.
function urgentOf(response, list) {
  const header = response && response.headers.get("X-Linkup-Urgent");
  if (header !== null && header !== undefined) { return new Set(header.split(",").filter(Boolean)); }
  return new Set(Array.from(list.querySelectorAll("li[data-urgent]")).map(function (li) { return li.dataset.reference; }));
}
function allIn(list) {
  return new Set(Array.from(list.querySelectorAll("li[data-reference]")).map(function (li) { return li.dataset.reference; }));
}
function focusKey(list) {
  const active = document.activeElement;
  if (!active || !list.contains(active)) { return null; }
  const li = active.closest("li[data-reference]");
  if (!li) { return null; }
  return { reference: li.dataset.reference, selector: active.matches("button.claim") ? "button.claim" : "a.ref" };
}
function restoreFocus(list, key) {
  if (!key) { return; }
  const li = list.querySelector('li[data-reference="' + key.reference + '"]');
  const target = li && (li.querySelector(key.selector) || li.querySelector("a.ref"));
  if (target) { target.focus({ preventScroll: true }); }
}
// One sound context, made when the worker turns the sound on (browsers only let a page play
// sound after a tap), and reused.
let audio = null;
function soundOn() {
  const Audio = window.AudioContext || window.webkitAudioContext;
  if (!Audio) { return; }
  if (!audio) { audio = new Audio(); }
  if (audio.state === "suspended") { audio.resume(); }
}
function beep() {
  try {
    if (!audio) { return; }
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.15;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.35);
  } catch (e) { /* no sound, the title and the notice still show */ }
}
// A notification through the service worker where there is one (phones need it), else the page.
let worker = null;
function notifySetUp() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").then(function (r) { worker = r; }).catch(function () { worker = null; });
  }
}
function notify(title, body) {
  const options = { body: body, tag: "linkup-urgent" };
  if (worker && worker.showNotification) { worker.showNotification(title, options).catch(function () {}); return; }
  try { new Notification(title, options); } catch (e) { /* the title and the notice still show */ }
}
function watchQueue(queue, list, every) {
  const baseTitle = document.title;
  let urgent = new Set((queue.dataset.urgentAll || "").split(",").filter(Boolean));
  let all = allIn(list);
  let last = null;
  let unseen = 0;
  const news = document.getElementById("queue-news");
  const sound = document.getElementById("alert-sound");
  const bell = document.getElementById("alert-notify");
  if (sound) {
    sound.checked = window.localStorage.getItem("linkup-sound") === "on";
    sound.addEventListener("change", function () {
      window.localStorage.setItem("linkup-sound", sound.checked ? "on" : "off");
      if (sound.checked) { soundOn(); beep(); }
    });
    // A remembered "on" needs a tap on the page before a browser lets it sound.
    document.addEventListener("pointerdown", function () { if (sound.checked) { soundOn(); } }, { once: true });
  }
  if ("Notification" in window) {
    if (Notification.permission === "granted") { notifySetUp(); }
    if (bell && Notification.permission === "default") {
      bell.hidden = false;
      bell.addEventListener("click", function () {
        Notification.requestPermission().then(function (answer) {
          bell.hidden = true;
          if (answer === "granted") { notifySetUp(); }
        });
      });
    }
  }
  // The title keeps the count until the worker comes back to the tab and does something.
  function seen() { unseen = 0; document.title = baseTitle; }
  window.addEventListener("focus", seen);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") { seen(); } });
  document.addEventListener("pointerdown", seen);
  document.addEventListener("keydown", seen);
  async function refresh() {
    try {
      const response = await fetchResponse(queue.dataset.rows);
      if (response === null) { return; }
      const html = await response.text();
      const nowUrgent = urgentOf(response, list);
      // Redrawn only when it changed, so a tap on Claim is not lost to a redraw.
      if (html !== last) {
        last = html;
        const key = focusKey(list);
        list.innerHTML = html;
        restoreFocus(list, key);
      }
      const nowAll = allIn(list);
      const newUrgent = Array.from(nowUrgent).filter(function (r) { return !urgent.has(r); });
      const newCases = Array.from(nowAll).filter(function (r) { return !all.has(r) && !nowUrgent.has(r); });
      urgent = nowUrgent;
      all = nowAll;
      if (newUrgent.length) {
        unseen += newUrgent.length;
        document.title = "(" + unseen + ") URGENT · " + baseTitle;
        if (news) { news.textContent = "New urgent case: " + newUrgent.join(", ") + "."; }
        if (sound && sound.checked) { beep(); }
        if ("Notification" in window && Notification.permission === "granted") {
          // A reference only: never a young person's words.
          notify("linkup: urgent case " + newUrgent[0], "A new urgent case is at the top of the queue.");
        }
      } else if (newCases.length && news) {
        news.textContent = newCases.length === 1 ? "1 new case in the queue." : newCases.length + " new cases in the queue.";
      }
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
        if (old) {
          if (old.outerHTML !== li.outerHTML) { old.replaceWith(li); }
          return;
        }
        // In id order: an entry can arrive after a later one.
        const id = Number(li.dataset.id);
        const later = Array.from(list.querySelectorAll("li[data-id]")).find(function (x) { return Number(x.dataset.id) > id; });
        list.insertBefore(li, later || null);
        added = true;
      });
      if (added) { list.scrollTop = list.scrollHeight; }
    } catch (e) { /* the next refresh tries again */ }
  }
  setInterval(refresh, every);
}
document.addEventListener("DOMContentLoaded", function () {
  const queue = document.getElementById("queue");
  if (queue) { watchQueue(queue, document.getElementById("queue-rows"), 3000); }
  const conversation = document.getElementById("conversation");
  if (conversation) {
    conversation.scrollTop = conversation.scrollHeight;
    follow(conversation, 3000);
  }
});
