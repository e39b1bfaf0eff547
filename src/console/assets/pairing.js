/* global document */
// Keeps the WhatsApp Web pairing QR code current: asks the server every 3 s until paired.
(() => {
  const section = document.getElementById("pairing");
  const state = document.getElementById("pairing-state");
  const img = document.getElementById("pairing-qr");
  if (!section || !state || !img) return;
  const tick = async () => {
    try {
      const res = await fetch(section.dataset.src, { credentials: "same-origin", cache: "no-store" });
      if (!res.ok) return setTimeout(tick, 10000);
      const body = await res.json();
      state.textContent = body.text || "";
      if (body.qr) img.src = body.qr;
      img.hidden = !body.qr;
      if (body.state !== "ready" && body.state !== "off") setTimeout(tick, 3000);
    } catch {
      setTimeout(tick, 10000);
    }
  };
  setTimeout(tick, 3000);
})();
