// Shows a price with two decimals once the field is left, as the course's client did.
document.querySelectorAll('input[data-two-decimals]').forEach(function (input) {
  input.addEventListener('blur', function () {
    var value = parseFloat(input.value);
    if (!isNaN(value)) {
      input.value = value.toFixed(2);
    }
  });
});
