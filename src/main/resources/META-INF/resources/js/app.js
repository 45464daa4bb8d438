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

// Keys on work pages (the agent's ticket page): an element with data-key="r" is reached by pressing r outside a field —
// a field takes the focus, a checkbox toggles, anything else is clicked. Ctrl+Enter in a marked textarea sends its form.
document.addEventListener('keydown', function (event) {
  var t = event.target;
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter' && t instanceof HTMLTextAreaElement && t.hasAttribute('data-submit-on-ctrl-enter')) {
    event.preventDefault();
    if (t.form) { t.form.requestSubmit(); }
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement
      || t instanceof HTMLSelectElement || (t && t.isContentEditable)) {
    return;
  }
  var el = document.querySelector('[data-key="' + (event.key === '"' ? '' : event.key) + '"]');
  if (!el) {
    return;
  }
  event.preventDefault();
  if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== 'checkbox')) {
    el.focus();
  } else if (el instanceof HTMLInputElement) {
    el.checked = !el.checked;
  } else {
    el.click();
  }
});

// A canned answer picked from the list goes straight into the reply (its placeholders are filled on the server).
document.addEventListener('change', function (event) {
  var select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.hasAttribute('data-macro-target')) {
    return;
  }
  var option = select.options[select.selectedIndex];
  var target = document.getElementById(select.getAttribute('data-macro-target'));
  if (option && target && option.hasAttribute('data-body')) {
    target.value = option.getAttribute('data-body');
    target.focus();
  }
});

// An SMS text's length and the number of messages it takes, as the composer types (the rules of SmsParts.java:
// GSM-7 160/153 per part, anything else — Cyrillic — 70/67). The words come from the page (data-format).
var SMS_GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
var SMS_GSM_EXTENDED = "^{}\\[~]|€";
document.addEventListener('input', function (event) {
  var area = event.target;
  if (!(area instanceof HTMLTextAreaElement) || !area.hasAttribute('data-sms-counter')) {
    return;
  }
  var out = document.getElementById(area.getAttribute('data-sms-counter'));
  if (!out) {
    return;
  }
  var text = area.value, unicode = false, gsm = 0;
  for (var i = 0; i < text.length; i++) {
    var c = text.charAt(i);
    if (SMS_GSM.indexOf(c) >= 0) {
      gsm++;
    } else if (SMS_GSM_EXTENDED.indexOf(c) >= 0) {
      gsm += 2;
    } else {
      unicode = true;
    }
  }
  var length = unicode ? Array.from(text).length : gsm;
  var single = unicode ? 70 : 160, perPart = unicode ? 67 : 153;
  var parts = length === 0 ? 0 : length <= single ? 1 : Math.ceil(length / perPart);
  out.textContent = (out.getAttribute('data-format') || '%1 / %2 / %3')
    .replace('%1', length).replace('%2', parts).replace('%3', length <= single ? single : perPart);
});
