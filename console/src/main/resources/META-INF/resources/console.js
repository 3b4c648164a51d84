// Stratus console: the copy buttons. Everything else works without script.
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-copy]');
  if (!button) {
    return;
  }
  var text = document.getElementById(button.getAttribute('data-copy')).textContent;
  navigator.clipboard.writeText(text).then(function () {
    button.textContent = 'Copied';
  }, function () {
    button.textContent = 'Select and copy';
  });
});

// A form with data-confirm asks first (revoking a CA cannot be undone).
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
