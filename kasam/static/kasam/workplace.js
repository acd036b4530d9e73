// Registers the employee page's service worker (docs/employee-page.md "Installing and offline"):
// the page works without it; with it, the page can be installed and read offline.
(function () {
  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) {
    return;
  }
  navigator.serviceWorker
    .register(script.dataset.worker, { scope: script.dataset.scope })
    .catch(() => {});
})();
