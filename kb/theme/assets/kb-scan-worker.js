/* "Verwijzingen herkennen" in a Web Worker: the scan (kb-scan.js) runs here, so a long paste never freezes the
 * page. The page sends {data} once and then {id, text}; the worker answers {id, refs (the first rows), total, known} or {id, error}. A newer
 * text replaces the worker (the page terminates it), so an old scan never holds up a new one.
 */
/* global importScripts, self */
"use strict";
importScripts("kb-scan.js");
var data = null;
self.onmessage = function (e) {
  var msg = e.data || {};
  if (msg.data) data = msg.data;
  if (typeof msg.text !== "string" || !data) return;
  try {
    var found = self.kbScan.summarise(self.kbScan.scan(msg.text, data)); // the rows the page shows, and the counts
    found.id = msg.id;
    self.postMessage(found);
  } catch (err) {
    self.postMessage({ id: msg.id, error: String(err && err.message || err) });
  }
};
