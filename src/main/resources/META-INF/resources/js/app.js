// Page behaviour lives here, never in inline scripts or on* attributes: the Content-Security-Policy allows
// scripts from our own files only (see ru.coalition.web.WebHardening).
document.addEventListener('click', function (event) {
  var target = event.target;
  if (target instanceof HTMLInputElement && target.hasAttribute('data-select-on-click')) {
    target.select();
  }
});
