/**
 * Puppeteer (pulled in by whatsapp-web.js) downloads its own Chrome on install by default.
 * That download is unwanted (and fails on offline or locked-down machines): Guardline drives
 * Debian's `chromium` instead (CHROMIUM_PATH), so the download is always skipped.
 * @type {import("puppeteer").Configuration}
 */
module.exports = { skipDownload: true };
