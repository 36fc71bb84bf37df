// The order page: counts the payment window down every second and follows the order's status
// (paid, expired, cancelled) without a reload, until it is final. Paying and cancelling are the
// page's own forms, which work without this script; the script only keeps them from being sent twice.
(function () {
  var root = document.getElementById('order');
  if (!root) {
    return;
  }
  var orderId = root.dataset.orderId;
  var expiresAt = Date.parse(root.dataset.expiresAt);
  var status = root.dataset.status;
  var statusText = document.getElementById('status');
  var timeLeft = document.getElementById('time-left');
  var actions = document.getElementById('actions');
  var ticking = null;
  var polling = null;

  function isFinal() {
    return status === 'complete' || status === 'cancelled';
  }

  function render() {
    statusText.textContent = status;
    var seconds = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
    var payable = false;
    if (status === 'complete') {
      timeLeft.textContent = 'Order paid';
    } else if (status === 'cancelled' || seconds <= 0) {
      timeLeft.textContent = status === 'cancelled' && seconds > 0 ? 'Order Cancelled' : 'Order Expired';
    } else {
      timeLeft.textContent = 'Time left to pay: ' + seconds + ' seconds';
      payable = true;
    }
    if (actions && !payable) {
      actions.hidden = true;
    }
    if (isFinal()) {
      clearInterval(ticking);
      clearInterval(polling);
    }
  }

  function refresh() {
    return fetch('/api/orders/' + encodeURIComponent(orderId), { headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (order) { if (order) { status = order.status; } render(); })
      .catch(function () { render(); });
  }

  if (actions) {
    actions.addEventListener('submit', function () {
      actions.querySelectorAll('button').forEach(function (button) { button.disabled = true; });
    });
  }

  render();
  if (!isFinal()) {
    ticking = setInterval(render, 1000);
    polling = setInterval(refresh, 1500);
  }
})();
