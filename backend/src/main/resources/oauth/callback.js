// Copy button of the OAuth callback page (served as a file: the CSP allows no inline script).
(function () {
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
