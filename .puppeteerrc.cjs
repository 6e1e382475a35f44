// Ace by DAISY (the EPUB accessibility check in test/e2e/epub.test.ts) brings Puppeteer, which
// would download its own Chromium at install time: the tests use Debian's (CHROMIUM_PATH).
module.exports = { skipDownload: true };
