// The order page: counts the payment window down every second and follows the order's status
// (paid, expired) without a reload; "Pay" pays with the sandbox's test card.
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
  var pay = document.getElementById('pay');
  var message = document.getElementById('message');

  function render() {
    statusText.textContent = status;
    var seconds = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
    if (status === 'complete') {
      timeLeft.textContent = 'Order paid';
      pay.hidden = true;
    } else if (status === 'cancelled' || seconds <= 0) {
      timeLeft.textContent = status === 'cancelled' && seconds > 0 ? 'Order Cancelled' : 'Order Expired';
      pay.hidden = true;
    } else {
      timeLeft.textContent = 'Time left to pay: ' + seconds + ' seconds';
    }
  }

  function refresh() {
    return fetch('/api/orders/' + encodeURIComponent(orderId), { headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (order) { if (order) { status = order.status; } render(); })
      .catch(function () { render(); });
  }

  pay.addEventListener('click', function () {
    pay.disabled = true;
    message.textContent = '';
    fetch('/api/payments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ orderId: orderId, token: 'tok_visa' })
    }).then(function (response) {
      if (response.ok) {
        message.textContent = '';
        return refresh();
      }
      return response.json().then(function (body) {
        message.textContent = (body.errors || []).map(function (e) { return e.message; }).join(', ');
        pay.disabled = false;
      });
    }).catch(function () {
      message.textContent = 'The payment could not be sent. Please try again.';
      pay.disabled = false;
    });
  });

  render();
  setInterval(render, 1000);
  setInterval(refresh, 1500);
})();
