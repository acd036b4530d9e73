// Kasam's service worker for the employee page (docs/employee-page.md "Installing and offline").
// It keeps the shell (styles, icon, the offline page) and the latest copy of the workplace page, and
// nothing else: never a pulse link, a personal link or any other page.
const CACHE = "kasam-min-1";
const SHELL = {{ shell_json|safe }};
const PAGE = {{ page_json|safe }};
const OFFLINE = SHELL[0];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

function pageFromNetwork(request) {
  return fetch(request).then((response) => {
    if (response.ok && !response.redirected) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(PAGE, copy));
    }
    return response;
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname === PAGE && url.search === "") {
    // The network first, so that the page is never older than it must be; the copy when offline.
    event.respondWith(
      pageFromNetwork(request).catch(() => caches.match(PAGE).then((hit) => hit || caches.match(OFFLINE)))
    );
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
});
