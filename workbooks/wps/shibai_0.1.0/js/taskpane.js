/*
 * 任务窗格：列出检查发现的问题，点击单元格地址即选中该单元格。
 * In WPS the findings come from the last ribbon action (PluginStorage, watched); opened with
 * ?path=FILE (a browser, the tests) or after 重新检查 they come from shibai serve (/api/findings).
 * Text from the workbook is only ever set as textContent. Plain ES2018.
 */
(function () {
  "use strict";
  var LEVELS = [["error", "错误"], ["warning", "警告"], ["info", "提示"]];
  var FINDINGS_KEY = "shibai_findings";
  var addin = Shibai.create({ alert: function (text) { status(text); } });
  var query = new URLSearchParams(window.location.search);
  var shown = null;
  var checked = "";   // the workbook the listed findings are of (Shibai.bookId): its cells are selected, no other's

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function status(text) { $("status").textContent = text || ""; }

  function hasWps() { return typeof window.wps === "object" && window.wps !== null; }

  function goto(sheet, cell) {
    var other = /^\[([^\]]+)\](.*)$/.exec(String(sheet));   // a cell of another workbook: the separate 附件3 list
    if (other) {
      status("这一项在另一个文件“" + other[1] + "”的“" + other[2] + "”表 " + cell + "，不在当前工作簿中，没有选中单元格。" +
             "请在 WPS 中打开该文件（在申报表所在的文件夹中）查看。");
      return;
    }
    if (hasWps()) {
      try {
        var wb = window.wps.EtApplication().ActiveWorkbook;
        if (checked && Shibai.bookId(wb) !== checked) {   // another workbook came to the front since the check
          status("这些问题是“" + checked + "”的，当前工作簿是“" + (Shibai.bookId(wb) || "（无）") + "”，没有选中单元格。" +
                 "请先切换到“" + checked + "”再点单元格地址，或点“重新检查”检查当前工作簿。");
          return;
        }
        var ws = wb.Sheets.Item(sheet);
        ws.Activate();
        ws.Range(cell).Select();
      } catch (e) {
        status("无法转到 " + sheet + "!" + cell + "：" + e.message);
        return;
      }
    }
    status("已选中 " + sheet + "!" + cell);
  }

  function render(view) {
    $("heading").textContent = view.heading || "十百千万 · 检查结果";
    var summary = $("summary");
    summary.textContent = "";
    (view.lines || []).forEach(function (line) { summary.appendChild(el("p", "", line)); });
    var list = $("list");
    list.textContent = "";
    var findings = view.findings || [];
    if (!findings.length) {
      list.appendChild(el("p", "empty", "没有发现问题。"));
      return;
    }
    LEVELS.forEach(function (level) {
      var items = findings.filter(function (f) { return f.severity === level[0]; });
      if (!items.length) { return; }
      list.appendChild(el("h2", "", level[1] + "（" + items.length + "）"));
      var ul = el("ul");
      items.forEach(function (f) {
        var li = el("li", f.severity);
        if (f.sheet && f.cell) {
          var link = el("a", "cell", f.sheet + "!" + f.cell);
          link.href = "#";
          link.setAttribute("data-sheet", f.sheet);
          link.setAttribute("data-cell", f.cell);
          link.addEventListener("click", function (event) {
            event.preventDefault();
            goto(f.sheet, f.cell);
          });
          li.appendChild(link);
        }
        li.appendChild(el("span", "code", f.code));
        li.appendChild(el("div", "message", f.message));
        ul.appendChild(li);
      });
      list.appendChild(ul);
    });
  }

  function fromService(data) {
    return {
      heading: data.name || data.file,
      lines: ["前置条件：" + data.status, "建议得分：" + data.score + " / " + data.max + "（仅供评审参考）",
        "上传文件名：" + data.upload_name],
      findings: data.findings
    };
  }

  function fromOutcome(stored) {
    var lines = String(stored.message || "").split("\n");
    return { heading: lines[0], lines: lines.slice(1), findings: stored.findings };
  }

  function ask() {
    status("正在检查…");
    var asked = "";
    try {
      asked = hasWps() && !query.get("path") ? Shibai.bookId(window.wps.EtApplication().ActiveWorkbook) : "";
    } catch (e) {
      asked = "";
    }
    addin.findings(query.get("path") || undefined, function (error, data) {
      if (error) {
        status(error);
        return;
      }
      checked = asked;
      render(fromService(data));
      status("共 " + data.findings.length + " 项");
    });
  }

  function watch() {
    var text = window.wps.PluginStorage.getItem(FINDINGS_KEY);
    if (text && text !== shown) {
      shown = text;
      var stored = JSON.parse(text);
      checked = String(stored.book || "");
      render(fromOutcome(stored));
    }
  }

  window.addEventListener("load", function () {
    $("refresh").addEventListener("click", ask);
    if (query.get("path") || !hasWps()) {
      ask();
    } else {
      watch();
      window.setInterval(watch, 1000);
    }
  });
})();
