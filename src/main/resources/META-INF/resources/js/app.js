// Page behaviour lives here, never in inline scripts or on* attributes: the Content-Security-Policy allows
// scripts from our own files only (see ru.coalition.web.WebHardening).
document.addEventListener('click', function (event) {
  var target = event.target;
  if (target instanceof HTMLInputElement && target.hasAttribute('data-select-on-click')) {
    target.select();
  }
});

// The server shows times in the viewer's zone (ru.coalition.platform.Formats): tell it which one this browser is in.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf('tz=' + encodeURIComponent(zone)) < 0) {
      document.cookie = 'tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; SameSite=Lax';
    }
  } catch (ignored) {
    // no Intl: the operator's zone stays
  }
})();

// A form with errors: the summary above it takes the focus, so a keyboard or screen-reader user hears what is wrong.
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.querySelector('.error-summary');
  if (summary) {
    summary.focus();
  }
});
