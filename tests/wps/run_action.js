/*
 * Click one ribbon button of the WPS add-in in node: the add-in's own js/shibai.js, a fake WPS
 * workbook (fake_wps.js) and the real shibai serve, reached through node's http.
 *
 *   node run_action.js BOOK.json CONTROL_ID SETTINGS.json [ANSWER]
 *
 * Prints one JSON object: {error, outcome, alerts, asked, offered, opened, requests: [{method, url, token}],
 * status_bar: [each text set in Application.StatusBar], book: <the fake workbook afterwards>}; a request's token says
 * whether it carried X-Shibai-Token. BOOK.json's "during" is what the person does in the workbook while the button
 * waits for the service.
 */
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const { fakeApplication } = require("./fake_wps.js");

const [bookFile, control, settingsFile, answer] = process.argv.slice(2);
const ADDIN = process.env.SHIBAI_WPS_ADDIN;
const Shibai = require(path.join(ADDIN, "js", "shibai.js"));

const requests = [];

function httpTransport(method, url, headers, body, done) {
  requests.push({ method, url, token: Object.keys(headers).some((k) => k.toLowerCase() === "x-shibai-token") });
  const u = new URL(url);
  const req = http.request(
    { hostname: u.hostname, port: u.port, path: u.pathname + u.search, method,
      headers: Object.assign({ "Content-Length": Buffer.byteLength(body || "") }, headers) },
    (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => done(null, res.statusCode, Buffer.concat(chunks).toString("utf8")));
    });
  req.on("error", (e) => done(e));
  req.end(body);
}

const data = bookFile === "-" ? null : JSON.parse(fs.readFileSync(bookFile, "utf8"));
const app = fakeApplication(data);
const alerts = [];
const asked = [];
const offered = [];
const answers = answer !== undefined && answer.startsWith("[") ? JSON.parse(answer) : null;
const shown = [];
const shownFor = [];   // the workbook each list of findings was shown for
const addin = Shibai.create({
  settings: JSON.parse(fs.readFileSync(settingsFile, "utf8")),
  transport: httpTransport,
  application: () => app,
  alert: (text) => alerts.push(text),
  // ANSWER "<no prompt>": a page without window.prompt, where the add-in cannot ask (undefined); a JSON list
  // ["甲,乙", "2024-05"]: one answer per question in turn (null: cancelled); the default each was offered in "offered"
  ask: (prompt, offer) => {
    asked.push(prompt);
    offered.push(offer === undefined ? null : offer);
    const given = answers ? answers.shift() : answer;
    return given === undefined ? null : given === "<no prompt>" ? undefined : given;
  },
  // BOOK.json's "pane_fails": the task pane cannot be opened (wps.CreateTaskPane missing or failing)
  showFindings: (outcome, book) => {
    if (data && data.pane_fails) throw new TypeError("wps.CreateTaskPane is not a function");
    shown.push(outcome.findings.length);
    shownFor.push(book);
  },
  // BOOK.json's "poll_ms": how often the add-in asks the service how far it is (a job of a second shows its progress
  // at 20); else never, so that the requests a test lists are the button's own
  pollMs: (data && data.poll_ms) || 3600 * 1000,
});

let returned = false;
addin.click(control, (error, outcome) => {
  process.stdout.write(JSON.stringify({
    error: error || null, outcome: outcome || null, alerts, asked, offered, shown, shown_for: shownFor, returnedFirst: returned,
    opened: app.opened, status_bar: app.statusBar, requests, book: app.ActiveWorkbook ? app.ActiveWorkbook.dump() : null,
    closed: app.closedBooks.map((b) => b.dump()),
  }));
});
returned = true;   // the click returned before the answer arrived: the ribbon callback is synchronous
// what the person does in WPS while the service works (the button returned, WPS is free): "during" of the book's JSON,
// [{sheet, cell, value}] typed, {sheet, rename} a sheet renamed, or {close: true} the workbook closed
for (const d of (data && data.during) || []) {
  if (d.close) {
    app.closeActive();
    continue;
  }
  const ws = app.ActiveWorkbook.Sheets.Item(d.sheet);
  if (d.rename) ws.Name = d.rename;
  else ws.Range(d.cell).Value2 = d.value;
}
