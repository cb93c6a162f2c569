// The OAuth callback page's script (served as a file: the CSP allows no inline script).
(function () {
  // Tell the Testbridge tab that started this flow when there is no code to paste (Deny, a
  // rejected secret, an expired link), so it can say so there. Only same-origin tabs hear it,
  // and the verification code itself is never sent: the person copies it.
  var failure = document.querySelector('[data-callback-failure]');
  var state = new URLSearchParams(window.location.search).get('state');
  if (failure && state && 'BroadcastChannel' in window) {
    var channel = new BroadcastChannel('testbridge-oauth-callback');
    channel.postMessage({
      state: state,
      succeeded: false,
      title: document.querySelector('h1').textContent,
      message: failure.textContent
    });
    channel.close();
  }

  var button = document.getElementById('copy-code');
  if (!button) return;
  button.addEventListener('click', function () {
    var code = button.getAttribute('data-copy');
    navigator.clipboard.writeText(code).then(function () {
      button.textContent = 'Copied';
    }, function () {
      var range = document.createRange();
      range.selectNodeContents(document.getElementById('verification-code'));
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      button.textContent = 'Press Ctrl+C';
    });
  });
})();
