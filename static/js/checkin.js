// Camera scanning for the check-in desk, where the browser has BarcodeDetector.
// Without it the page works as it is: type the code, or scan it with a USB scanner (which types
// the code and presses Enter). A detected code fills the form's field and submits the form.
(function () {
  "use strict";

  var panel = document.querySelector("[data-checkin-camera]");
  var form = document.querySelector(".checkin__form");
  if (!panel || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var input = form.querySelector("input[name=code]");
  var video = panel.querySelector("[data-checkin-video]");
  var start = panel.querySelector("[data-checkin-start]");
  var stop = panel.querySelector("[data-checkin-stop]");
  var status = panel.querySelector("[data-checkin-status]");
  var stream = null;
  var timer = null;

  function stopCamera() {
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  function scan(detector) {
    detector.detect(video).then(function (codes) {
      if (codes.length && codes[0].rawValue) {
        input.value = codes[0].rawValue;
        stopCamera();
        form.submit();
        return;
      }
      timer = window.setTimeout(function () { scan(detector); }, 200);
    }).catch(function () {
      timer = window.setTimeout(function () { scan(detector); }, 500);
    });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) {
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    panel.hidden = false;

    start.addEventListener("click", function () {
      status.textContent = "";
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (mediaStream) {
          stream = mediaStream;
          video.srcObject = stream;
          video.hidden = false;
          start.hidden = true;
          stop.hidden = false;
          return video.play();
        })
        .then(function () { scan(detector); })
        .catch(function () {
          stopCamera();
          status.textContent = panel.getAttribute("data-error-message");
        });
    });
    stop.addEventListener("click", stopCamera);
    window.addEventListener("pagehide", stopCamera);
  });
})();
