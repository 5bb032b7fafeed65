// Registers the service worker (offline use) and tells the app when a new
// build is installed and waiting: the app shows "new version ready" and
// dispatches `panorama:apply-update` when the user accepts, then the page
// reloads onto the new build.
(() => {
  if (!('serviceWorker' in navigator)) return;
  const announce = (worker) => {
    window.__panoramaWaiting = worker;
    dispatchEvent(new Event('panorama:update-ready'));
  };
  navigator.serviceWorker.register('./sw.js').then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
      });
    });
  }).catch(() => { /* no offline copy (e.g. file:// or private mode): the app still works online */ });
  let applying = false;
  addEventListener('panorama:apply-update', () => {
    applying = true;
    window.__panoramaWaiting?.postMessage('skip-waiting');
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (applying) location.reload();
  });
})();
