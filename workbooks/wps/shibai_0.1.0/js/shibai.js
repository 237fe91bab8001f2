/*
 * shibai-xl WPS 加载项的核心：读取打开的工作簿，请求本机服务 shibai serve，把返回的修改写入工作簿。
 *
 * Plain ES2018, no build step, no library: WPS's embedded browser is old.
 * Every rule lives in Python (shibai serve runs the same jobs as the Excel ribbon); this
 * file only reads the workbook, sends it, and applies the edits the service returns:
 * cell blocks through Range.Value2, hyperlinks, fills and notes.
 *
 * Network calls go through one function, env.transport(method, url, headers, body, done),
 * which is XMLHttpRequest in WPS and node's http in the tests. Ribbon callbacks only start
 * a request and return: the edits are applied when the answer arrives.
 *
 * Before each request that carries the token, the service proves it holds the same token:
 * GET /health?challenge=NONCE must answer proof = hex(HMAC-SHA256(token, "shibai-health:PORT:" + NONCE)),
 * PORT the add-in's: a program on it cannot pass the challenge on to the service on another port.
 * Another program on the port (another account's, started first) gets no token.
 *
 * Loaded by index.html (global `Shibai`) and by node (module.exports).
 */
(function (root, factory) {
  "use strict";
  var api = factory(root);
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.Shibai = api;
  }
})(typeof window !== "undefined" ? window : this, function (root) {
  "use strict";

  var DEFAULT_PORT = 27315;
  var MAX_ROWS = 25000;          // adapters/view.py MAX_ROWS
  var MAX_COLUMNS = 200;
  var XL_SHEET_HIDDEN = 0;
  var XL_SHEET_VISIBLE = -1;
  var ROW_BLOCK = 32;            // a block this small is asked row by row (a block's "all hidden" is not relied on)
  var MAX_ROW_QUESTIONS = 2000;
  var MAX_MERGES = 10000;        // adapters/view.py MAX_MERGES
  var MAX_MERGE_QUESTIONS = 4000;
  var MAX_FORMAT_QUESTIONS = 400;   // number formats of the 入驻企业名单 table, or of a sheet of a form without names, asked (formatsOf)
  var RESIDENTS_TABLE = "sb_residents";
  var TITLE = "十百千万";
  var NO_SERVICE = "无法连接本机服务 shibai serve。\n请运行 shibai wps install（会设置登录后自动启动服务），" +
    "或在命令行运行 shibai serve 后再试。";
  var WAIT_MINUTES = 10;         // how long a button waits for shibai serve's answer
  var POLL_MS = 1000;            // how often a waiting button asks the service how far it is (WPS's status bar)
  var WORKING = "正在处理，请稍候（完成后会弹出提示）…";
  var TIMED_OUT = "shibai serve 在 " + WAIT_MINUTES + " 分钟内没有做完这次操作（申报表很多或电脑较慢时会更久），" +
    "服务仍在运行，可能还在处理。\n当前工作簿没有改动。请过几分钟再点一次；“合并市州汇总”“专家评分表”" +
    "“汇总专家评分”会生成文件，再点之前先看看文件是否已经生成。";
  var NO_WORKBOOK = "请先打开要处理的工作簿。";
  var PANE_FAILED = "（右侧任务窗格无法打开，问题清单请看“校验结果”表和工作簿中标色、加批注的单元格；" +
    "重新启动 WPS 后任务窗格通常可以恢复。）";
  var PROOF_PREFIX = "shibai-health:";
  var NONCE_BYTES = 32;

  // --- the WPS object model, read defensively (properties with parameters are methods in WPS) -------

  function call(obj, name) {
    var v = obj[name];
    return typeof v === "function" ? v.apply(obj, Array.prototype.slice.call(arguments, 2)) : v;
  }

  function address(range) {
    var a = range.Address;
    if (typeof a === "function") {
      a = range.Address(false, false);
    }
    return String(a || "").replace(/\$/g, "");
  }

  function count(collection) {
    return collection ? Number(collection.Count) || 0 : 0;
  }

  function matrix(value) {
    if (value === undefined || value === null) {
      return [[null]];
    }
    if (value && typeof value.toArray === "function" && !Array.isArray(value)) {
      value = value.toArray();
    }
    if (!Array.isArray(value)) {
      return [[value]];
    }
    return value.map(function (row) { return Array.isArray(row) ? row : [row]; });
  }

  function letters(col) {
    var out = "";
    while (col > 0) {
      var rem = (col - 1) % 26;
      out = String.fromCharCode(65 + rem) + out;
      col = Math.floor((col - 1) / 26);
    }
    return out;
  }

  function bgr(hex) {
    var n = parseInt(String(hex).replace("#", ""), 16);
    return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
  }

  // --- reading the open workbook -----------------------------------------------------------------

  /** The workbook's worksheets: Workbook.Sheets also holds its chart sheets (图表工作表), which have no cells
   * (WPS JSAPI, Worksheets 对象); the saved file is read without them too. */
  function worksheets(wb) {
    return wb.Worksheets || wb.Sheets;
  }

  /** What tells the workbook a list of findings is of from the others open: its full path, or its name unsaved. */
  function bookId(wb) {
    return wb ? String(wb.FullName || wb.Name || "") : "";
  }

  /** Saved in a folder on this computer: a 云文档's FullName is an address (https://…), it is sent as values like a
   * workbook never saved (checked as it is shown; the buttons needing its folder are told it is in the cloud). */
  function isSaved(wb) {
    var full = String(wb.FullName || "");
    return Boolean(wb.Path) && full.length > 0 && full.indexOf("://") < 0;
  }

  /** The other open workbooks with unsaved changes (full paths): the service reads saved files only, and refuses, naming
   * them, when one it would read is among them (an application corrected and not saved); none where WPS cannot tell. */
  function unsavedOthers(application, wb) {
    var out = [];
    try {
      var books = application.Workbooks;
      for (var i = 1; i <= books.Count; i++) {
        var b = books.Item(i);
        if (b && b !== wb && isSaved(b) && b.Saved === false && String(b.FullName) !== bookId(wb)) {
          out.push(String(b.FullName));
        }
      }
    } catch (e) {
      return out;
    }
    return out;
  }

  /** An error whose message is already the Chinese text the clerk sees. */
  function notice(text) {
    var e = new Error(text);
    e.shibaiNotice = true;
    return e;
  }

  /**
   * What the service needs: the saved file's path (saved first when it has changes), else a snapshot.
   * The service reads the file on disk, so changes that cannot be saved (a read-only file, a folder
   * without write permission, a save cancelled) stop here: the file would be checked without them.
   */
  function describe(wb) {
    if (isSaved(wb)) {
      if (wb.Saved === false) {
        var name = String(wb.Name || wb.FullName);
        if (wb.ReadOnly === true) {
          throw notice("“" + name + "”是以只读方式打开的，改动无法保存，本工具读取的会是改动之前的文件。\n" +
            "请用“文件 → 另存为”保存为 Excel 工作簿（*.xlsx）到可以写入的文件夹（例如“文档”），再点此按钮。");
        }
        try {
          wb.Save();
        } catch (e) {
          throw notice("无法保存“" + name + "”（" + e.message + "）。\n请确认文件不是只读、所在文件夹可以写入，" +
            "或用“文件 → 另存为”保存到可以写入的文件夹（例如“文档”）后再点此按钮。");
        }
        if (wb.Saved === false) {
          throw notice("“" + name + "”的改动还没有保存。请先保存（Ctrl+S），再点此按钮。");
        }
      }
      return { path: String(wb.FullName) };
    }
    return { book: snapshot(wb) };
  }

  /** What the workbook holds (sheets, values, notes, names, tables) as one text, to tell whether the person changed
   * it while the service worked (the button returns at once, WPS stays free); null when it cannot be read. */
  function fingerprint(wb) {
    try {
      return JSON.stringify(snapshot(wb));
    } catch (e) {
      return null;
    }
  }

  function hasEdits(edits) {
    return Boolean(edits) && Object.keys(edits).some(function (k) {
      return Array.isArray(edits[k]) ? edits[k].length > 0 : Boolean(edits[k]);
    });
  }

  /** Whether the workbook the add-in holds is still open: one the person closed while a button waited for the service
   * fails on every property (a released object of WPS's), or has no name left. */
  function isOpen(wb) {
    try {
      var name = wb.Name;
      return name !== undefined && name !== null && String(name) !== "";
    } catch (e) {
      return false;
    }
  }

  /** What is said of the workbook ``label`` closed before its button's answer arrived (``answered``) or was sent. */
  function closedText(label, answered) {
    return "“" + label + "”" + (answered ? "在等待 shibai serve 期间已关闭，本次结果没有写入。" : "已关闭，没有处理。") +
      "\n请重新打开它后再点一次。";
  }

  function readError(e) {
    return e && e.shibaiNotice ? e.message : "读取工作簿时出错：" + (e && e.message) + "\n请保存工作簿后重试。";
  }

  /** The rows 1…last of a sheet hidden by hand or by a filter left on, which `shibai check` says of a saved file
   * (counted, but nobody sees them): WPS is asked a block at a time (EntireRow.Hidden is false when no row of it is
   * hidden), a small block row by row; [] where WPS cannot tell. */
  function hiddenRows(sheet, last) {
    var out = [];
    var todo = last >= 1 ? [[1, last]] : [];
    var asked = 0;
    var isHidden = function (a, b) {
      asked++;
      return sheet.Range("A" + a + ":A" + b).EntireRow.Hidden;
    };
    try {
      while (todo.length && asked < MAX_ROW_QUESTIONS) {
        var block = todo.pop();
        if (isHidden(block[0], block[1]) === false) {
          continue;
        }
        if (block[1] - block[0] < ROW_BLOCK) {
          for (var r = block[0]; r <= block[1]; r++) {
            if (isHidden(r, r) === true) {
              out.push(r);
            }
          }
          continue;
        }
        var mid = Math.floor((block[0] + block[1]) / 2);
        todo.push([mid + 1, block[1]], [block[0], mid]);
      }
    } catch (e) {
      return [];
    }
    return out;
  }

  /** The columns 1…last of a sheet hidden by hand (last year's 年度交易额 kept hidden beside this year's: a refresh
   * reads the shown one, as it does a saved file): all asked at once (EntireColumn.Hidden is false when none is),
   * then each; [] where WPS cannot tell. */
  function hiddenColumns(sheet, last) {
    var out = [];
    try {
      if (last < 1 || sheet.Range("A1:" + letters(last) + "1").EntireColumn.Hidden === false) {
        return out;
      }
      for (var c = 1; c <= last; c++) {
        if (sheet.Range(letters(c) + "1").EntireColumn.Hidden === true) {
          out.push(c);
        }
      }
    } catch (e) {
      return [];
    }
    return out;
  }

  /** The merged ranges ("D33:D34") of a sheet's rows 1…lastRow, columns 1…lastCol, which a saved file lists (a remark
   * merged over two answers' rows is neither's, adapters/xlsx/remarks_beside.py): WPS is asked a block at a time
   * (Range.MergeCells is false when no cell of it is merged), a block that holds one is halved, a merged cell gives its
   * range (Range.MergeArea); of a block meeting a range found, only the parts beside it are asked. [] where WPS cannot tell. */
  function mergesOf(sheet, lastRow, lastCol) {
    var out = [];
    var found = [];
    var todo = lastRow >= 1 && lastCol >= 1 ? [[1, 1, lastRow, lastCol]] : [];
    var asked = 0;
    var steps = 0;
    var meets = function (b) {
      for (var i = 0; i < found.length; i++) {
        var m = found[i];
        if (b[0] <= m[2] && m[0] <= b[2] && b[1] <= m[3] && m[1] <= b[3]) {
          return m;
        }
      }
      return null;
    };
    try {
      while (todo.length && asked < MAX_MERGE_QUESTIONS && steps++ < 8 * MAX_MERGE_QUESTIONS && out.length < MAX_MERGES) {
        var b = todo.pop();
        var known = meets(b);
        if (known) {   // the block less the range found: above, below, left and right of it
          var top = Math.max(b[0], known[0]);
          var bottom = Math.min(b[2], known[2]);
          [[b[0], b[1], known[0] - 1, b[3]], [known[2] + 1, b[1], b[2], b[3]], [top, b[1], bottom, known[1] - 1],
           [top, known[3] + 1, bottom, b[3]]].forEach(function (part) {
            if (part[0] <= part[2] && part[1] <= part[3]) {
              todo.push(part);
            }
          });
          continue;
        }
        asked++;
        var one = b[0] === b[2] && b[1] === b[3];
        var range = sheet.Range(letters(b[1]) + b[0] + (one ? "" : ":" + letters(b[3]) + b[2]));
        if (range.MergeCells === false) {
          continue;
        }
        if (one) {
          var area = range.MergeArea;
          var row = Number(area.Row);
          var col = Number(area.Column);
          var m = [row, col, row + count(area.Rows) - 1, col + count(area.Columns) - 1];
          if (m[2] > m[0] || m[3] > m[1]) {
            found.push(m);
            out.push(address(area));
          }
          continue;
        }
        if (b[2] - b[0] >= b[3] - b[1]) {
          var midRow = Math.floor((b[0] + b[2]) / 2);
          todo.push([midRow + 1, b[1], b[2], b[3]], [b[0], b[1], midRow, b[3]]);
        } else {
          var midCol = Math.floor((b[1] + b[3]) / 2);
          todo.push([b[0], midCol + 1, b[2], b[3]], [b[0], b[1], b[2], midCol]);
        }
      }
    } catch (e) {
      return [];
    }
    return out;
  }

  /** The number formats of a range's cells as blocks of one format, [{ref: "H6:H17", format: "yyyy-mm-dd"}] for each
   * block not in the General format: WPS is asked a block at a time (Range.NumberFormat is null when its cells differ),
   * a mixed block is halved, columns first. A figure of the 入驻企业名单 typed into a cell painted with a date format is
   * then read as a saved file's reader reads it (adapters/view.py SnapshotBook). [] where WPS cannot tell; with
   * ``whole``, null unless every cell's format was told (a cell in no block is then in the General format). */
  function formatsOf(sheet, range, whole) {
    var out = [];
    try {
      var r0 = Number(range.Row);
      var c0 = Number(range.Column);
      var todo = [[r0, c0, r0 + count(range.Rows) - 1, c0 + count(range.Columns) - 1]];
      var asked = 0;
      while (todo.length && asked++ < MAX_FORMAT_QUESTIONS) {
        var b = todo.pop();
        var one = b[0] === b[2] && b[1] === b[3];
        var ref = letters(b[1]) + b[0] + (one ? "" : ":" + letters(b[3]) + b[2]);
        var format = sheet.Range(ref).NumberFormat;
        if (typeof format === "string") {
          if (format !== "General" && format !== "G/通用格式") {
            out.push({ ref: ref, format: format });
          }
        } else if (!one && b[3] > b[1]) {
          var midCol = Math.floor((b[1] + b[3]) / 2);
          todo.push([b[0], midCol + 1, b[2], b[3]], [b[0], b[1], b[2], midCol]);
        } else if (!one) {
          var midRow = Math.floor((b[0] + b[2]) / 2);
          todo.push([midRow + 1, b[1], b[2], b[3]], [b[0], b[1], midRow, b[3]]);
        }
      }
    } catch (e) {
      return whole ? null : [];
    }
    return whole && todo.length ? null : out;
  }

  /** A table's range, its columns taken down to the sheet's row ``lastRow`` when that is below the table. */
  function listRange(sheet, range, lastRow) {
    try {
      var r0 = Number(range.Row);
      var c0 = Number(range.Column);
      var r1 = Math.max(r0 + count(range.Rows) - 1, lastRow);
      return sheet.Range(letters(c0) + r0 + ":" + letters(c0 + count(range.Columns) - 1) + r1);
    } catch (e) {
      return range;
    }
  }

  /** An unsaved workbook as the service's SnapshotBook reads it: values from A1, the formulas, names, tables, notes, the hidden
   * rows, columns and sheets, the merged ranges. */
  function snapshot(wb) {
    var sheets = [];
    var tables = [];
    var names = namesOf(wb);
    // a form without its names (typed by hand, copied as values) is read by its printed labels: the formats of its
    // sheets are sent, as a saved file has them for every cell (a month-only date, a figure in a date format)
    var byLabel = !names.some(function (n) { return n.format !== undefined && /^sb_/i.test(n.name); });
    // a park's or base's 入驻企业名单 found by its header — without its sb_residents table (表格 → 转换为区域, a list
    // pasted in), or going on over another sheet (续页) — is read as check reads it: the formats of the sheets it may be
    // on are sent likewise (a figure in a date-formatted cell); with the table, those of the sheets no sb_ name is on
    var listBook = !byLabel && mayHaveList(names);
    var tabled = listBook && hasResidentsTable(wb);
    var named = namedSheets(names);
    for (var i = 1; i <= count(worksheets(wb)); i++) {
      var sheet = worksheets(wb).Item(i);
      var used = sheet.UsedRange;
      var lastRow = Math.min(Number(used.Row) + count(used.Rows) - 1, MAX_ROWS);
      var lastCol = Math.min(Number(used.Column) + count(used.Columns) - 1, MAX_COLUMNS);
      var values = lastRow >= 1 && lastCol >= 1 ? matrix(sheet.Range("A1:" + letters(lastCol) + lastRow).Value2) : [];
      var notes = [];
      for (var c = 1; c <= count(sheet.Comments); c++) {
        var note = sheet.Comments.Item(c);
        notes.push({ cell: address(note.Parent), author: String(note.Author || ""), text: String(call(note, "Text") || "") });
      }
      var holdsList = false;
      for (var t = 1; t <= count(sheet.ListObjects); t++) {
        var table = sheet.ListObjects.Item(t);
        var entry = { name: String(table.Name), sheet: String(sheet.Name), ref: address(table.Range) };
        if (entry.name.toLowerCase() === RESIDENTS_TABLE) {
          holdsList = true;
          // the list's columns down to the sheet's last row: companies typed under the table (a paste does not grow
          // it) are read on to, as `shibai check` reads them, and so are their cells' formats
          entry.formats = formatsOf(sheet, listRange(sheet, table.Range, lastRow));
        }
        tables.push(entry);
      }
      var visible = sheet.Visible;
      var sent = { name: String(sheet.Name), values: values, formulas: formulasOf(sheet, lastRow, lastCol), notes: notes,
                   hidden_rows: hiddenRows(sheet, lastRow), hidden_columns: hiddenColumns(sheet, lastCol),
                   merged: mergesOf(sheet, lastRow, lastCol),
                   hidden: visible !== XL_SHEET_VISIBLE && visible !== true && visible !== undefined };
      var listed = listBook && (!tabled || (!holdsList && !named[String(sheet.Name).toLowerCase()]));
      var formats = (byLabel || listed) && values.length ? formatsOf(sheet, sheet.Range("A1:" + letters(lastCol) + lastRow), true) : null;
      if (formats !== null) {
        sent.formats = formats;
      }
      sheets.push(sent);
    }
    // a workbook of the 1904 date system (Excel for Mac's): its Value2 dates count from 1904-01-01
    // full_name: where WPS keeps it when it is no file here (云文档: an address), which the service names to the clerk
    return { name: String(wb.Name || ""), full_name: String(wb.FullName || ""), sheets: sheets, names: names, tables: tables,
             date1904: wb.Date1904 === true };
  }

  /** Whether the form may hold a 入驻企业名单: its sb_type is a park's or a base's, or not said. */
  function mayHaveList(names) {
    var declared = names.filter(function (n) { return String(n.name).toLowerCase() === "sb_type"; })[0];
    return !declared || /^=?\s*"?\s*(park|base)\s*"?\s*$/i.test(declared.refers_to);
  }

  /** The sheets (lower case) the sb_ names refer into: ='申报表'!$C$3, ='张三''s 表'!$C$3, =补充信息!$B$4. */
  function namedSheets(names) {
    var out = {};
    names.forEach(function (n) {
      var m = /^=?\s*(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(String(n.refers_to || ""));
      if (m && /^sb_/i.test(n.name)) {
        out[(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]).toLowerCase()] = true;
      }
    });
    return out;
  }

  /** Whether a sheet of the workbook holds the sb_residents table. */
  function hasResidentsTable(wb) {
    try {
      for (var i = 1; i <= count(worksheets(wb)); i++) {
        var tables = worksheets(wb).Item(i).ListObjects;
        for (var t = 1; t <= count(tables); t++) {
          if (String(tables.Item(t).Name).toLowerCase() === RESIDENTS_TABLE) {
            return true;
          }
        }
      }
    } catch (e) {
      return true;     // WPS cannot tell: as before, the named cells' formats only
    }
    return false;
  }

  /** The workbook's names, {name, refers_to} and, for a name of one cell, that cell's number format. */
  function namesOf(wb) {
    var names = [];
    for (var n = 1; n <= count(wb.Names); n++) {
      var name = wb.Names.Item(n);
      var entry = { name: String(name.Name), refers_to: String(name.RefersTo) };
      var format = cellFormat(name);
      if (format !== null) {
        entry.format = format;
      }
      names.push(entry);
    }
    return names;
  }

  /** The cells of a sheet holding a formula, {"G5": "=LEN(C5)"} (Range.Formula, asked only when Range.HasFormula does not
   * say none): a clerk's formula in the 校验结果 sheet is written back as a formula, not as the value it shows
   * (adapters/view.py SnapshotBook.formulas). {} where WPS cannot tell. */
  function formulasOf(sheet, lastRow, lastCol) {
    var out = {};
    if (lastRow < 1 || lastCol < 1) {
      return out;
    }
    try {
      var range = sheet.Range("A1:" + letters(lastCol) + lastRow);
      if (range.HasFormula === false) {
        return out;
      }
      matrix(range.Formula).forEach(function (row, i) {
        row.forEach(function (f, j) {
          if (typeof f === "string" && f.charAt(0) === "=") {
            out[letters(j + 1) + (i + 1)] = f;
          }
        });
      });
    } catch (e) {
      return {};
    }
    return out;
  }

  /** The number format of the one cell a name refers to, else null: a date shown as a month (“2023年4月”) or a rate
   * without the % format is read as the saved file's cell is (adapters/view.py cell_info). */
  function cellFormat(name) {
    try {
      var range = name.RefersToRange;
      if (range && count(range.Rows) === 1 && count(range.Columns) === 1) {
        var format = range.NumberFormat;
        return typeof format === "string" ? format : null;
      }
    } catch (e) {
      // a name of a constant (sb_type ="park") or of another workbook has no range here
    }
    return null;
  }

  // --- writing the edits ---------------------------------------------------------------------------

  // what a sheet's protection allows (Worksheet.Protection), in the order of Worksheet.Protect's arguments after
  // Password, DrawingObjects, Contents, Scenarios, UserInterfaceOnly
  var ALLOWANCES = ["AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows", "AllowInsertingColumns",
                    "AllowInsertingRows", "AllowInsertingHyperlinks", "AllowDeletingColumns", "AllowDeletingRows",
                    "AllowSorting", "AllowFiltering", "AllowUsingPivotTables"];

  /** Unprotect the protected sheets among those the edits write into, before the first write (engine/plan.py
   * Edits.sheets_written): the templates protect their labels without a password; and the workbook's structure
   * (审阅 → 保护工作簿) when the edits add a sheet. What a password protects is refused (what was lifted protected
   * again first), or WPS would fail halfway and leave the workbook half done (adapters/excel/writer.py likewise). */
  function liftProtection(wb, edits) {
    var added = {};
    (edits.new_sheets || []).forEach(function (s) { added[s.name] = true; });
    var lifted = [];
    if (edits.new_sheets && edits.new_sheets.length && wb.ProtectStructure === true) {
      var windows = wb.ProtectWindows === true;
      var locked = true;
      try {
        wb.Unprotect("");
        locked = wb.ProtectStructure === true;
      } catch (e) {
        locked = true;   // the wrong password: the structure has one
      }
      if (locked) {
        throw notice("工作簿设置了带密码的结构保护（审阅 → 保护工作簿），本工具无法添加“" + edits.new_sheets[0].name +
                     "”表，工作簿没有改动。请向设置保护的人要密码，点“审阅”→“保护工作簿”撤销保护后再点一次；写完后可以重新保护。");
      }
      lifted.push({ book: wb, windows: windows });
    }
    var named = [];
    ["columns", "insert_rows", "moves", "unlink", "blocks", "links", "clear_notes", "colors", "notes", "formats"].forEach(function (key) {
      (edits[key] || []).forEach(function (e) { named.push(e.sheet); });
    });
    if (edits.table) {
      named.push(edits.table.sheet);
    }
    if (edits.print_area) {
      named.push(edits.print_area.sheet);
    }
    var seen = {};
    named.forEach(function (name) {
      if (added[name] || seen[name]) {
        return;
      }
      seen[name] = true;
      var ws = worksheets(wb).Item(name);
      if (ws.ProtectContents !== true) {
        return;
      }
      var allowed = ws.Protection || {};
      var how = [ws.ProtectDrawingObjects === true, true, ws.ProtectScenarios === true, false].concat(
        ALLOWANCES.map(function (a) { return allowed[a] === true; }));
      var still = true;
      try {
        ws.Unprotect("");
        still = ws.ProtectContents === true;
      } catch (e) {
        still = true;   // the wrong password: this one has one
      }
      if (still) {
        protectAgain(lifted);
        throw notice("工作表“" + name + "”设置了带密码的保护，本工具无法写入，工作簿没有改动。请向设置保护的人要密码，" +
                     "点“审阅”→“撤销工作表保护”后再点一次；写完后可以重新保护。");
      }
      lifted.push({ sheet: ws, how: how });
    });
    return lifted;
  }

  /** Protect again, as they were and without a password, the sheets (and structure) liftProtection unprotected. */
  function protectAgain(lifted) {
    lifted.forEach(function (l) {
      try {
        if (l.book) {
          l.book.Protect("", true, l.windows);
          return;
        }
        var h = l.how;   // one call with every argument: a host object's method may have no .apply
        l.sheet.Protect("", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13],
                        h[14]);
      } catch (e) {
        // the writes are done; protecting the labels again is a convenience
      }
    });
  }

  // the kinds of edit writeEdits makes (adapters/edits.py edits_json): any other is from a newer service
  var KNOWN_EDITS = ["new_sheets", "columns", "insert_rows", "table", "moves", "unlink", "blocks", "formats", "links", "clear_notes",
                     "colors", "notes", "print_area"];

  function sheetNamed(wb, name) {
    for (var i = 1; i <= count(worksheets(wb)); i++) {
      var ws = worksheets(wb).Item(i);
      if (String(ws.Name).toLowerCase() === String(name).toLowerCase()) {   // sheet names ignore case, as in WPS
        return ws;
      }
    }
    return null;
  }

  /** Refuse, before the first write, edits this add-in cannot make in this workbook: a kind it does not know, a sheet
   * or table it does not have, a sheet to add that it has. Else WPS would stop halfway, or a kind be left out unsaid. */
  function checkEdits(wb, edits) {
    var refuse = function (what) {
      throw notice("无法写入本次结果：" + what + "，工作簿没有改动。\n请保存工作簿后再点一次；仍然出现时，在命令行运行 " +
                   "shibai wps install（更新加载项），然后重新启动 WPS。");
    };
    Object.keys(edits || {}).forEach(function (key) {
      var value = edits[key];
      if (KNOWN_EDITS.indexOf(key) < 0 && value !== null && !(Array.isArray(value) && !value.length)) {
        refuse("服务要求的改动（" + key + "）是这个版本的加载项不会做的");
      }
    });
    var added = {};
    (edits.new_sheets || []).forEach(function (s) {
      if (sheetNamed(wb, s.name) || added[String(s.name).toLowerCase()]) {
        refuse("要新增的工作表“" + s.name + "”已经存在");
      }
      added[String(s.name).toLowerCase()] = true;
    });
    KNOWN_EDITS.forEach(function (key) {
      var single = key === "table" || key === "print_area";
      var list = single ? (edits[key] ? [edits[key]] : []) : key === "new_sheets" ? [] : edits[key] || [];
      list.forEach(function (e) {
        if (!added[String(e.sheet).toLowerCase()] && !sheetNamed(wb, e.sheet)) {
          refuse("工作簿中没有工作表“" + e.sheet + "”");
        }
      });
    });
    if (edits.table) {
      var owner = sheetNamed(wb, edits.table.sheet), tables = owner ? owner.ListObjects : null, found = false;
      for (var t = 1; t <= count(tables); t++) {
        found = found || String(tables.Item(t).Name) === String(edits.table.name);
      }
      if (!found) {
        refuse("工作表“" + edits.table.sheet + "”中没有名为 " + edits.table.name + " 的表格");
      }
    }
  }

  /** Make the service's edits in the workbook, in the service's order (see engine/plan.py Edits). */
  function applyEdits(wb, edits) {
    checkEdits(wb, edits);
    var lifted = liftProtection(wb, edits);
    try {
      writeEdits(wb, edits);
    } finally {
      protectAgain(lifted);
    }
  }

  function writeEdits(wb, edits) {
    var sheet = function (name) { return worksheets(wb).Item(name); };
    var active = wb.ActiveSheet;
    (edits.new_sheets || []).forEach(function (s) {
      var added = wb.Sheets.Add(null, wb.Sheets.Item(count(wb.Sheets)));
      added.Name = s.name;
      if (s.hidden) {
        added.Visible = XL_SHEET_HIDDEN;
      }
    });
    (edits.columns || []).forEach(function (c) {
      var column = sheet(c.sheet).Range(c.column + ":" + c.column);
      column.ColumnWidth = c.width;
      if (c.wrap) {
        column.WrapText = true;
      }
    });
    if (active && edits.new_sheets && edits.new_sheets.length) {
      active.Activate();
    }
    // whole rows inserted where the service's refresh inserted them, before the table is resized: what is below
    // (the 合计 and 填报人 rows, a person's notes, fills and merged cells) moves down with its row, as WPS does it
    (edits.insert_rows || []).forEach(function (i) { sheet(i.sheet).Rows.Item(i.row).Insert(); });
    if (edits.table) {
      var ws = sheet(edits.table.sheet);
      ws.ListObjects.Item(edits.table.name).Resize(ws.Range(edits.table.ref));
    }
    // a clerk's cell the results moved: copied whole (font, fill, number format, link; the block writes its value)
    (edits.moves || []).forEach(function (m) {
      var ws = sheet(m.sheet);
      if (m.to) {
        ws.Range(m.from).Copy(ws.Range(m.to));
      } else {
        ws.Range(m.from).ClearFormats();
      }
    });
    (edits.unlink || []).forEach(function (u) { sheet(u.sheet).Range(u.range).Hyperlinks.Delete(); });
    (edits.blocks || []).forEach(function (b) {
      var single = b.values.length === 1 && b.values[0].length === 1;
      sheet(b.sheet).Range(b.range).Value2 = single ? b.values[0][0] : b.values;
    });
    (edits.formats || []).forEach(function (f) { sheet(f.sheet).Range(f.cell).NumberFormat = f.format; });
    (edits.links || []).forEach(function (k) {
      var ws = sheet(k.sheet);
      ws.Hyperlinks.Add(ws.Range(k.cell), "", k.target, "点击转到该单元格", k.text);
    });
    (edits.clear_notes || []).forEach(function (n) {
      var note = sheet(n.sheet).Range(n.cell).Comment;
      if (note) {
        note.Delete();
      }
    });
    (edits.colors || []).forEach(function (c) { sheet(c.sheet).Range(c.cell).Interior.Color = bgr(c.color); });
    (edits.notes || []).forEach(function (n) { sheet(n.sheet).Range(n.cell).AddComment(n.text); });
    // last: a clerk's print area that ended at the table's old last row, taken down to the rows the refresh added
    if (edits.print_area) {
      sheet(edits.print_area.sheet).PageSetup.PrintArea = edits.print_area.ref;
    }
  }


  // --- SHA-256 (FIPS 180-4) and HMAC (RFC 2104), on arrays of bytes --------------------------------
  // In plain JS: WPS's embedded browser may have no crypto.subtle on a file:// page.

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function rotr(x, n) {
    return (x >>> n) | (x << (32 - n));
  }

  function sha256(bytes) {
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var m = Array.prototype.slice.call(bytes);
    var bits = m.length * 8;
    m.push(0x80);                                  // padding (5.1.1): 1, zeros, the length as 64 bits
    while (m.length % 64 !== 56) {
      m.push(0);
    }
    var high = Math.floor(bits / 0x100000000);
    m.push(high >>> 24, (high >>> 16) & 0xff, (high >>> 8) & 0xff, high & 0xff,
      bits >>> 24, (bits >>> 16) & 0xff, (bits >>> 8) & 0xff, bits & 0xff);
    var w = new Array(64);
    for (var off = 0; off < m.length; off += 64) {
      for (var t = 0; t < 64; t++) {
        if (t < 16) {
          w[t] = (m[off + 4 * t] << 24) | (m[off + 4 * t + 1] << 16) | (m[off + 4 * t + 2] << 8) | m[off + 4 * t + 3];
        } else {
          var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
          var s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
          w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
        }
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      var sums = [a, b, c, d, e, f, g, k];
      for (var i = 0; i < 8; i++) {
        h[i] = (h[i] + sums[i]) | 0;
      }
    }
    var out = [];
    h.forEach(function (x) { out.push(x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff); });
    return out;
  }

  function hmacSha256(key, message) {
    key = Array.prototype.slice.call(key);
    if (key.length > 64) {
      key = sha256(key);
    }
    var inner = [];
    var outer = [];
    for (var i = 0; i < 64; i++) {
      var byte = i < key.length ? key[i] : 0;
      inner.push(byte ^ 0x36);
      outer.push(byte ^ 0x5c);
    }
    return sha256(outer.concat(sha256(inner.concat(Array.prototype.slice.call(message)))));
  }

  function utf8(text) {
    var escaped = encodeURIComponent(text);
    var bytes = [];
    for (var i = 0; i < escaped.length; i++) {
      if (escaped.charAt(i) === "%") {
        bytes.push(parseInt(escaped.substr(i + 1, 2), 16));
        i += 2;
      } else {
        bytes.push(escaped.charCodeAt(i));
      }
    }
    return bytes;
  }

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  /** What shibai serve on this port answers to /health?challenge=nonce when it holds this token. */
  function proof(token, port, nonce) {
    return hex(hmacSha256(utf8(token), utf8(PROOF_PREFIX + port + ":" + nonce)));
  }

  /** A fresh challenge: 32 random bytes as hex. */
  function nonce() {
    var source = root.crypto || (typeof crypto !== "undefined" ? crypto : null);
    var bytes = [];
    if (source && typeof source.getRandomValues === "function") {
      bytes = source.getRandomValues(new Uint8Array(NONCE_BYTES));
    } else {
      // Fallback for a browser without crypto.getRandomValues. Math.random is predictable: a program that had
      // earlier collected the real service's proofs for the nonces it predicts could replay them. Still far
      // better than no check; WPS's browsers we know of have getRandomValues.
      for (var i = 0; i < NONCE_BYTES; i++) {
        bytes.push(Math.floor(Math.random() * 256));
      }
    }
    return hex(bytes);
  }

  // --- talking to shibai serve ---------------------------------------------------------------------

  function xhrTransport(method, url, headers, body, done) {
    var xhr = new root.XMLHttpRequest();
    xhr.open(method, url, true);
    Object.keys(headers).forEach(function (k) { xhr.setRequestHeader(k, headers[k]); });
    xhr.timeout = WAIT_MINUTES * 60 * 1000;
    xhr.onload = function () { done(null, xhr.status, xhr.responseText); };
    xhr.onerror = function () { done(new Error("network")); };
    xhr.ontimeout = function () { done(new Error("timeout")); };
    xhr.send(body);
  }

  var CRITICAL_MARK = "【请注意】";
  // the buttons whose findings are the whole check of the open 申报表 (jobs/actions.py: check, score): none found
  // replaces the task pane's list too, or a problem the person has fixed stays listed after a check that found nothing
  var CHECKS = { sb_check: true, sb_score: true };

  function create(env) {
    env = env || {};
    var settings = env.settings || root.SHIBAI_SETTINGS || { port: DEFAULT_PORT, token: "" };
    var transport = env.transport || xhrTransport;
    var alert = env.alert || function (text) { root.alert(text); };
    // the answer typed, null when cancelled, undefined where the page cannot ask (no window.prompt)
    var ask = env.ask || function (prompt, answer) {
      return typeof root.prompt === "function" ? root.prompt(prompt, answer || "") : undefined;
    };
    var app = env.application || function () { return root.wps.EtApplication(); };
    var showFindings = env.showFindings || function () {};
    var pollMs = env.pollMs || POLL_MS;

    function port() {
      return settings.port || DEFAULT_PORT;
    }

    function base() {
      return "http://127.0.0.1:" + port();
    }

    /** One request without the token; done(errorMessage, data): an answer that is not JSON from us is an error. */
    function send(method, path, headers, body, done) {
      transport(method, base() + path, headers, body, function (err, status, text) {
        if (err) {   // a timeout: the service answered nothing in time, yet it is there (the connection was made)
          done(err.message === "timeout" ? TIMED_OUT : NO_SERVICE);
          return;
        }
        var data = null;
        try {
          data = JSON.parse(text);
        } catch (e) {
          data = null;
        }
        if (status !== 200 || !data) {
          done((data && data.error) || "端口 " + port() + " 上回答的程序不是 shibai serve（状态 " + status + "）。\n" +
            "请在命令行运行 shibai wps status 查看服务；端口被其他程序占用时，运行 shibai wps install --port 其他端口" +
            "（例如 27316），然后重新启动 WPS。");
          return;
        }
        done(null, data);
      });
    }

    /** done(errorMessage) unless the service on the port proves it holds our token (a fresh nonce each time). */
    function verify(done) {
      var challenge = nonce();
      send("GET", "/health?challenge=" + challenge, {}, null, function (error, data) {
        if (error) {
          done(error);
        } else if (typeof data.proof !== "string" || data.proof !== proof(settings.token, port(), challenge)) {
          done("端口 " + port() + " 上运行的不是本机安装的 shibai 服务（可能是旧版本或其他程序；刚重新安装过时请重新启动 WPS），" +
            "为安全起见没有发送请求。\n" +
            "请运行 shibai wps status 查看，或重新运行 shibai wps install，然后重新启动 WPS。");
        } else {
          done(null);
        }
      });
    }

    /** POST a JSON payload with the token, once the service proved itself; done(errorMessage, data). */
    function request(path, payload, done) {
      if (!settings.token) {
        done("WPS 加载项还没有设置好。请在命令行运行 shibai wps install，然后重新启动 WPS。");
        return;
      }
      verify(function (error) {
        if (error) {
          done(error);
          return;
        }
        var headers = { "Content-Type": "application/json", "X-Shibai-Token": settings.token };
        send("POST", path, headers, JSON.stringify(payload), done);
      });
    }

    /** WPS's status bar while a button waits (Excel's shows a refresh's progress the same way): at once that the
     * service is working, then what it says the request's own `job` (the id sent with it) is doing ("刷新汇总表：
     * 120/1000 文件名", or that it waits for another window's job), asked every pollMs; the returned function gives WPS
     * its own text back. Nothing where WPS has no status bar or the service cannot say. */
    function working(job) {
      var waiting = true;
      var timer = null;
      var show = function (text) {
        try {
          app().StatusBar = text;
        } catch (e) {
          // the status bar is a courtesy
        }
      };
      var poll = function () {
        request("/api/progress", { job: job }, function (error, data) {
          if (!waiting || error) {   // an older service has no /api/progress: the first text stays
            return;
          }
          if (data && typeof data.text === "string" && data.text) {
            show(TITLE + "：" + data.text);
          }
          timer = setTimeout(poll, pollMs);
        });
      };
      show(TITLE + "：" + WORKING);
      timer = setTimeout(poll, pollMs);
      return function stop() {
        if (waiting) {
          waiting = false;
          clearTimeout(timer);
          show(false);
        }
      };
    }

    /** The service's question in an answer (专家评分表's 批次 of a summary kept over the year: {key, prompt, default}),
     * asked as the experts are and put into `answers`; false when cancelled (done is told). */
    function answerQuestion(outcome, answers, done) {
      var q = outcome && outcome.ask;
      if (!q || typeof q.key !== "string" || answers[q.key] !== undefined) {
        return true;
      }
      var answer = ask(String(q.prompt || ""), String(q.default || ""));
      if (answer === null) {
        done("cancelled");
        return false;
      }
      answers[q.key] = answer === undefined ? String(q.default || "") : String(answer);
      return true;
    }

    /** A ribbon button: start the request and return at once; done(error, outcome) when it is applied. */
    function click(control, done) {
      done = done || function () {};
      var wb;
      var label = "";   // the workbook's name, said should it be closed before the answer comes
      var answers = {};
      var first = null;
      try {
        wb = app().ActiveWorkbook;
        label = wb ? String(wb.Name || wb.FullName || "") : "";
        if (!wb && control !== "sb_help" && control !== "sb_new") {
          alert(NO_WORKBOOK);
          done("no workbook");
          return;
        }
        if (control === "sb_review_make") {   // asked before the workbook is saved and read: cancelled, nothing is saved
          var experts = ask("请输入评审专家姓名，用逗号或顿号分隔（例如：甲,乙,丙 或 甲、乙、丙）；专家所属市（州）写在姓名后，用于回避本市（州）的项目（例如：甲=贵阳市、乙=遵义市、丙）：");
          if (experts === null) {
            done("cancelled");
            return;
          }
          if (experts !== undefined) {   // undefined: the page cannot ask; the service says the command to run
            answers.experts = String(experts);
            // the 批次 is asked before saving too: the service reads the question from the saved file, makes nothing
            first = isSaved(wb) ? { path: String(wb.FullName), experts: answers.experts, ask_first: true } : null;
          }
        }
      } catch (e) {
        alert(readError(e));
        done(e.message);
        return;
      }
      if (first === null) {
        run(control, wb, label, answers, done);
        return;
      }
      request("/api/action/" + encodeURIComponent(control), first, function (error, outcome) {
        if (error) {
          alert(error);
          done(error);
        } else if (answerQuestion(outcome, answers, done)) {
          run(control, wb, label, answers, done);
        }
      });
    }

    /** The button's request with the workbook (saved first where it must be) and the answers given, and its edits. */
    function run(control, wb, label, answers, done) {
      var payload;
      var before = null;
      try {
        // 新建申报表 needs only the saved workbook's folder and type: its changes are not saved for it (as in Excel)
        payload = control === "sb_help" || !wb ? {} :
          control === "sb_new" && isSaved(wb) ? { path: String(wb.FullName) } : describe(wb);
        before = payload.book ? JSON.stringify(payload.book) : wb && control !== "sb_help" ? fingerprint(wb) : null;
        Object.keys(answers).forEach(function (k) { payload[k] = answers[k]; });
        var unsaved = wb && control !== "sb_help" ? unsavedOthers(app(), wb) : [];
        if (unsaved.length) {
          payload.unsaved = unsaved;
        }
      } catch (e) {
        var closed = wb && !isOpen(wb);   // closed while a question was asked (专家评分表's 批次)
        alert(closed ? closedText(label, false) : readError(e));
        done(closed ? closedText(label, false) : e.message);
        return;
      }
      payload.job = nonce().slice(0, 32);   // this click's job: its progress, not another window's (/api/progress)
      var stop = working(payload.job);
      request("/api/action/" + encodeURIComponent(control), payload, function answered(error, outcome) {
        stop();
        if (error) {
          alert(error);
          done(error);
          return;
        }
        if (outcome.ask && typeof outcome.ask.key === "string" && payload[outcome.ask.key] === undefined) {
          // asked only now (the saved file's 批次 changed since the question was asked): sent again with the answer
          if (answerQuestion(outcome, payload, done)) {
            stop = working(payload.job);
            request("/api/action/" + encodeURIComponent(control), payload, answered);
          }
          return;
        }
        if (wb && !isOpen(wb)) {
          if (hasEdits(outcome.edits)) {   // closed while the service worked: its edits have nowhere to go
            var gone = closedText(label, true);
            alert(gone);
            done(gone);
            return;
          }
          wb = null;   // nothing to write into it: what the service made elsewhere is still said
        }
        if (wb && before !== null && hasEdits(outcome.edits) && fingerprint(wb) !== before) {
          // the edits are for the workbook as it was sent: on one changed since they would land on the wrong cells
          var changed = "“" + String(wb.Name || "") + "”在等待 shibai serve 期间有了改动，本次结果是按改动之前的内容算出的，" +
            "没有写入，工作簿没有改动。\n请保存后再点一次，等提示出现之前不要编辑工作簿。";
          alert(changed);
          done(changed);
          return;
        }
        try {
          if (wb) {
            applyEdits(wb, outcome.edits);
          }
        } catch (e) {
          // some cells may be written already: saving now would keep a half-done refresh
          alert(e && e.shibaiNotice ? e.message :
                "写入工作簿时出错：" + e.message + "\n工作簿可能只改了一部分，请不要保存：关闭工作簿（选“不保存”）后" +
                "重新打开；工作表设置了保护的，先撤销工作表保护，再点一次。");
          done(e.message);
          return;
        }
        var message = outcome.message;
        if (outcome.open_file) {
          try {
            app().Workbooks.Open(outcome.open_file);
          } catch (e) {
            // opening it is a courtesy (as in Excel): the file is made, the open workbook is as it was
            message += "\n（WPS 没能自动打开“" + outcome.open_file + "”，请用“文件 → 打开”打开它。）";
          }
        }
        if (outcome.findings && (outcome.findings.length || CHECKS[control] === true)) {
          try {
            showFindings(outcome, bookId(wb));   // whose cells they are: the pane selects them in that workbook only
          } catch (e) {
            // no pane (a WPS without CreateTaskPane, its page gone after an upgrade): the message is still said
            message += "\n" + PANE_FAILED;
          }
        }
        // an incomplete total (a file not read) or a refusal: said before anything else, not as a routine note
        alert(outcome.critical ? CRITICAL_MARK + message : message);
        done(null, outcome);
      });
    }

    /** The task pane's list for the active workbook (or a saved file's path), nothing written. */
    function findings(target, done) {
      var payload;
      try {
        var wb = typeof target === "string" ? null : target || app().ActiveWorkbook;
        if (typeof target !== "string" && !wb) {   // 重新检查 in the task pane after the workbook was closed
          done(NO_WORKBOOK);
          return;
        }
        payload = typeof target === "string" ? { path: target } : describe(wb);
      } catch (e) {
        done(readError(e));
        return;
      }
      request("/api/findings", payload, done);
    }

    return { click: click, findings: findings, request: request, settings: settings };
  }

  return {
    TITLE: TITLE, create: create, describe: describe, bookId: bookId, snapshot: snapshot, applyEdits: applyEdits,
    bgr: bgr, letters: letters, matrix: matrix, address: address,
    sha256: sha256, hmacSha256: hmacSha256, utf8: utf8, hex: hex, proof: proof, nonce: nonce,
  };
});
