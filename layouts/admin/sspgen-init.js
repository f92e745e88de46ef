// Loaded before decap-cms.js: Decap waits with reading config.yml until sspgen-cms.js has
// registered sspgen's formats and calls CMS.init(). A file, not an inline script, so the
// admin's Content-Security-Policy (sspgen/host/rules.py) needs no 'unsafe-inline'.
window.CMS_MANUAL_INIT = true;
