// linkup dashboard's service worker: only so that a phone can show "new urgent case"
// notifications (a reference, never a young person's words); a tap opens the queue.
"use strict";
self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (open) {
    if (open.length) { return open[0].focus(); }
    return self.clients.openWindow("/");
  }));
});
