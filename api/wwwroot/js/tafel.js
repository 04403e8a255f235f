// Live board: when the alert stream reports a ticket, alarm or escalation, fetch this page again
// and swap in its list. Without JavaScript (or if the stream fails) the page still works by reloading.
(function () {
  var stand = document.getElementById('tafel-stand');
  if (!stand || !window.EventSource || !window.fetch) { return; }
  var source = new EventSource(stand.getAttribute('data-stream'));
  var busy = false;
  function refresh() {
    if (busy) { return; }
    busy = true;
    fetch(window.location.href, { credentials: 'same-origin' })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('tafel');
        if (fresh) {
          document.getElementById('tafel').innerHTML = fresh.innerHTML;
          document.getElementById('tafel-neu').textContent = 'Die Liste wurde aktualisiert: ' + new Date().toLocaleTimeString('de-DE') + ' Uhr.';
        }
      })
      .finally(function () { busy = false; });
  }
  ['sue.ticket.opened', 'sue.ticket.joined', 'sue.ticket.status_changed', 'sue.ticket.escalated', 'sue.alarm.raised', 'sue.alarm.severity_raised', 'sue.alarm.escalated', 'sue.alarm.cleared'].forEach(function (name) {
    source.addEventListener(name, refresh);
  });
})();
