/*
 * ribbon.xml 的回调：WPS 调用这些全局函数。回调是同步的，只发出请求就返回
 * （部分 WPS 版本会隐藏使用异步回调的选项卡），结果到达后再写入工作簿。
 * Plain ES2018.
 */
var SHIBAI_TASKPANE_KEY = "shibai_taskpane_id";
var SHIBAI_FINDINGS_KEY = "shibai_findings";
var SHIBAI_ICONS = {
  sb_check: "images/check.svg", sb_score: "images/score.svg", sb_residents: "images/residents.svg",
  sb_new: "images/new.svg", sb_upload_name: "images/upload.svg", sb_refresh: "images/refresh.svg",
  sb_merge: "images/merge.svg", sb_review_make: "images/review.svg", sb_review_collect: "images/collect.svg",
  sb_help: "images/help.svg"
};

function shibaiFolder() {
  var url = decodeURI(String(document.location));
  return url.substring(0, url.lastIndexOf("/"));
}

function shibaiShowFindings(outcome, book) {
  wps.PluginStorage.setItem(SHIBAI_FINDINGS_KEY, JSON.stringify({ message: outcome.message, findings: outcome.findings,
                                                                  book: book }));
  var id = wps.PluginStorage.getItem(SHIBAI_TASKPANE_KEY);
  var pane = id ? wps.GetTaskPane(id) : null;
  if (!pane) {   // an open pane notices the new findings itself (it watches PluginStorage)
    pane = wps.CreateTaskPane(shibaiFolder() + "/ui/taskpane.html");
    wps.PluginStorage.setItem(SHIBAI_TASKPANE_KEY, pane.ID);
  }
  pane.Visible = true;
}

var shibaiAddin = null;

function OnAddinLoad(ribbonUI) {
  if (typeof wps.ribbonUI !== "object") {
    wps.ribbonUI = ribbonUI;
  }
  shibaiAddin = Shibai.create({ showFindings: shibaiShowFindings });
  return true;
}

function OnAction(control) {
  if (!shibaiAddin) {
    shibaiAddin = Shibai.create({ showFindings: shibaiShowFindings });
  }
  shibaiAddin.click(control.Id);
  return true;
}

function GetImage(control) {
  return SHIBAI_ICONS[control.Id] || "images/help.svg";
}
