/*
 * A small fake of the WPS 表格 object model, enough for the add-in: Application.ActiveWorkbook,
 * Workbooks.Open, StatusBar, Workbook (Name, FullName, Path, Saved, ReadOnly, Save, Sheets (chart sheets too), Worksheets, Names,
 * ActiveSheet, ProtectStructure, Protect, Unprotect),
 * Worksheet (Name, Visible, UsedRange, Range, Rows.Item(n).Insert, Comments, ListObjects, Hyperlinks, Activate),
 * Range (Value2, Formula, HasFormula, Address, Row/Column, Rows/Columns.Count, EntireRow.Hidden, Interior.Color, Comment, AddComment,
 * NumberFormat, MergeCells, MergeArea, Hyperlinks.Delete, Copy, ClearFormats, Select), Name (Name, RefersTo, RefersToRange), Comment (Author, Text(), Parent,
 * Delete), ListObject.
 *
 * It behaves like Excel/WPS where the add-in relies on it: Value2 of one cell is a scalar and of
 * a range a 2-D array; a leading apostrophe makes text; AddComment on a cell with a note fails;
 * colours are BGR numbers. The workbook comes from JSON the Python test made from a real file.
 */
"use strict";

function colIndex(letters) {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function colLetters(n) {
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function parseCell(ref) {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error("bad cell reference " + ref);
  return [Number(m[2]), colIndex(m[1])];
}

const MAX_ROW = 1048576;

function parseRange(ref) {
  const column = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(String(ref).trim());   // a whole column: "C:C"
  if (column) return [1, Math.min(colIndex(column[1]), colIndex(column[2])), MAX_ROW, Math.max(colIndex(column[1]), colIndex(column[2]))];
  const parts = String(ref).split(":");
  const a = parseCell(parts[0]);
  const b = parts.length > 1 ? parseCell(parts[1]) : a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
}

const key = (r, c) => colLetters(c) + r;

class FakeComment {
  constructor(sheet, ref, author, text) {
    Object.assign(this, { sheet, ref, Author: author, text });
  }
  Text() { return this.text; }
  get Parent() { return this.sheet.Range(this.ref); }
  Delete() { this.sheet.notes.delete(this.ref); }
}

class FakeRange {
  constructor(sheet, r1, c1, r2, c2) {
    Object.assign(this, { sheet, r1, c1, r2, c2 });
    const range = this;
    this.Interior = {
      get Color() { return range.sheet.colors.has(range.topLeft) ? range.sheet.colors.get(range.topLeft) : 16777215; },
      set Color(v) { range.sheet.refuseIfProtected(); range.each((k) => range.sheet.colors.set(k, v)); },
    };
    this.Hyperlinks = { Delete: () => this.each((k) => this.sheet.links.delete(k)) };
    this.Rows = { Count: r2 - r1 + 1 };
    this.Columns = { Count: c2 - c1 + 1 };
  }
  get topLeft() { return key(this.r1, this.c1); }
  /** EntireRow.Hidden as Excel answers it: true when every row is hidden, false when none, null when mixed. */
  get EntireRow() {
    let hidden = 0;
    for (let r = this.r1; r <= this.r2; r++) if (this.sheet.hiddenRows.has(r)) hidden++;
    this.sheet.rowQuestions++;
    return { Hidden: hidden === 0 ? false : hidden === this.r2 - this.r1 + 1 ? true : null };
  }
  /** EntireColumn.Hidden as Excel answers it: true when every column is hidden, false when none, null when mixed. */
  get EntireColumn() {
    let hidden = 0;
    for (let c = this.c1; c <= this.c2; c++) if (this.sheet.hiddenColumns.has(c)) hidden++;
    return { Hidden: hidden === 0 ? false : hidden === this.c2 - this.c1 + 1 ? true : null };
  }
  /** MergeCells as Excel answers it: true when every cell is in a merged range, false when none, null when some. */
  get MergeCells() {
    let covered = 0;
    for (const [r1, c1, r2, c2] of this.sheet.merges) {
      const rows = Math.min(r2, this.r2) - Math.max(r1, this.r1) + 1, cols = Math.min(c2, this.c2) - Math.max(c1, this.c1) + 1;
      if (rows > 0 && cols > 0) covered += rows * cols;
    }
    this.sheet.mergeQuestions++;
    return covered === 0 ? false : covered === (this.r2 - this.r1 + 1) * (this.c2 - this.c1 + 1) ? true : null;
  }
  /** The merged range holding this one cell, else the cell itself. */
  get MergeArea() {
    if (this.r1 !== this.r2 || this.c1 !== this.c2) throw new Error("MergeArea of one cell only here: " + this.Address(false, false));
    const m = this.sheet.merges.find(([r1, c1, r2, c2]) => r1 <= this.r1 && this.r1 <= r2 && c1 <= this.c1 && this.c1 <= c2);
    return m ? new FakeRange(this.sheet, ...m) : this;
  }
  get Row() { return this.r1; }
  get Column() { return this.c1; }
  each(fn) {
    for (let r = this.r1; r <= this.r2; r++) for (let c = this.c1; c <= this.c2; c++) fn(key(r, c), r, c);
  }
  Address(rowAbsolute, columnAbsolute) {
    const abs = rowAbsolute !== false;
    const one = (r, c) => (abs ? "$" + colLetters(c) + "$" + r : colLetters(c) + r);
    const a = one(this.r1, this.c1);
    return this.r1 === this.r2 && this.c1 === this.c2 ? a : a + ":" + one(this.r2, this.c2);
  }
  /** fn(key) of each cell, as Value2/Formula give a range: a scalar for one cell, else rows. */
  grid(fn) {
    const rows = [];
    for (let r = this.r1; r <= this.r2; r++) {
      const row = [];
      for (let c = this.c1; c <= this.c2; c++) row.push(fn(key(r, c)));
      rows.push(row);
    }
    return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : rows;
  }
  /** A formula cell gives the value it shows (the book's "shown"), never its text. */
  get Value2() {
    return this.grid((k) => {
      const v = this.sheet.cells.get(k);
      if (this.sheet.isFormula(k)) return this.sheet.shown.has(k) ? this.sheet.shown.get(k) : null;
      return v === undefined ? null : v;
    });
  }
  /** A formula's text; a constant as text ("" for an empty cell). */
  get Formula() {
    return this.grid((k) => { const v = this.sheet.cells.get(k); return v === undefined || v === null ? "" : String(v); });
  }
  /** true when every cell holds a formula, false when none, null when some. */
  get HasFormula() {
    let n = 0;
    this.each((k) => { if (this.sheet.isFormula(k)) n++; });
    return n === 0 ? false : n === (this.r2 - this.r1 + 1) * (this.c2 - this.c1 + 1) ? true : null;
  }
  set Value2(value) {
    this.sheet.refuseIfProtected();
    const store = (k, v) => {
      if (v === null || v === undefined || v === "") this.sheet.cells.delete(k);
      else if (typeof v === "string" && v.startsWith("'")) this.sheet.cells.set(k, v.slice(1));
      else this.sheet.cells.set(k, v);
      if (typeof v === "string" && v.startsWith("'")) this.sheet.texts.add(k); else this.sheet.texts.delete(k);
      this.sheet.written.add(k);
    };
    if (!Array.isArray(value)) {
      this.each((k) => store(k, value));
      return;
    }
    if (value.length !== this.r2 - this.r1 + 1) throw new Error("Value2: " + value.length + " rows for " + this.Address(false, false));
    value.forEach((row, i) => {
      if (row.length !== this.c2 - this.c1 + 1) throw new Error("Value2: row width differs from the range");
      row.forEach((v, j) => store(key(this.r1 + i, this.c1 + j), v));
    });
  }
  /** A cell's format; of a range, the format its cells share, null when they differ (as WPS and Excel give it). */
  get NumberFormat() {
    const of = (k) => this.sheet.formats.get(k) || this.sheet.shownFormats.get(k) || "General";
    const first = of(this.topLeft);
    if ((this.r2 - this.r1 + 1) * (this.c2 - this.c1 + 1) > 100000) return first;   // whole columns: as before
    let same = true;
    this.each((k) => { if (same && of(k) !== first) same = false; });
    return same ? first : null;
  }
  set NumberFormat(f) { this.each((k) => this.sheet.formats.set(k, f)); }
  wholeColumns() {
    if (this.r1 !== 1 || this.r2 !== MAX_ROW) throw new Error("only whole columns are sized here: " + this.Address(false, false));
    return Array.from({ length: this.c2 - this.c1 + 1 }, (_, i) => colLetters(this.c1 + i));
  }
  set ColumnWidth(w) { this.wholeColumns().forEach((c) => this.sheet.widths.set(c, w)); }
  set WrapText(on) { this.wholeColumns().forEach((c) => this.sheet.wraps.set(c, on)); }
  get Comment() { return this.sheet.notes.get(this.topLeft) || null; }
  AddComment(text) {
    this.sheet.refuseIfProtected();
    if (this.sheet.notes.has(this.topLeft)) throw new Error("the cell already has a comment");
    const note = new FakeComment(this.sheet, this.topLeft, this.sheet.book.userName, text);
    this.sheet.notes.set(this.topLeft, note);
    return note;
  }
  /** Copy(destination) of one cell: its value, fill, number format and link (Excel's paste of everything). */
  Copy(dest) {
    dest.sheet.refuseIfProtected();
    const from = this.topLeft, to = dest.topLeft;
    for (const name of ["cells", "colors", "formats", "shownFormats", "links"]) {
      if (this.sheet[name].has(from)) dest.sheet[name].set(to, this.sheet[name].get(from));
      else dest.sheet[name].delete(to);
    }
    if (this.sheet.texts.has(from)) dest.sheet.texts.add(to); else dest.sheet.texts.delete(to);
  }
  ClearFormats() {
    this.sheet.refuseIfProtected();
    this.each((k) => { for (const name of ["colors", "formats", "shownFormats"]) this.sheet[name].delete(k); });
  }
  Select() { this.sheet.book.selection = this.sheet.Name + "!" + this.topLeft; }
}

class FakeSheet {
  constructor(book, data) {
    this.book = book;
    this.Name = data.name;
    this.Visible = data.visible === false ? 0 : -1;
    // 审阅 → 保护工作表 (with data.password, a password): WPS refuses every write, fill and note on it; the
    // templates protect without a password and allow formatting rows and columns, sorting and filtering
    this.ProtectContents = data.protected === true;
    this.password = data.password || "";
    this.ProtectDrawingObjects = false;
    this.ProtectScenarios = true;
    this.Protection = { AllowFormattingColumns: true, AllowFormattingRows: true, AllowSorting: true, AllowFiltering: true };
    this.protections = [];   // the arguments of each Protect call, for the tests
    this.cells = new Map(Object.entries(data.cells || {}));   // a formula cell holds its text ("=LEN(C5)")
    this.shown = new Map(Object.entries(data.shown || {}));   // what a formula cell of the file shows
    this.texts = new Set(data.texts || []);   // cells written as text ('=1+2): an "=" there is no formula
    this.notes = new Map();
    for (const [ref, n] of Object.entries(data.notes || {})) this.notes.set(ref, new FakeComment(this, ref, n.author, n.text));
    this.colors = new Map(Object.entries(data.colors || {}));
    this.formats = new Map();   // the formats the add-in set
    this.shownFormats = new Map(Object.entries(data.number_formats || {}));   // the file's own
    this.widths = new Map();
    this.wraps = new Map();
    this.links = new Map(Object.entries(data.links || {}));   // {cell: {address, target, tip, text}}
    this.written = new Set();
    this.inserted = [];   // the rows Rows(n).Insert() inserted, in order
    this.hiddenRows = new Set(data.hidden_rows || []);   // hidden by hand or by a filter
    this.hiddenColumns = new Set(data.hidden_columns || []);   // hidden by hand
    this.rowQuestions = 0;   // how often EntireRow.Hidden was asked
    this.merges = (data.merged || []).map(parseRange);   // [r1, c1, r2, c2] of each merged range
    this.mergeQuestions = 0;   // how often MergeCells was asked
    this.tables = (data.tables || []).map((t) => ({ Name: t.name, ref: t.ref, sheet: this }));
    this.PageSetup = { PrintArea: data.print_area || "" };   // 页面布局 → 打印区域 (the add-in sets it)
    const sheet = this;
    for (const t of this.tables) {
      Object.defineProperty(t, "Range", { get() { return sheet.Range(this.ref); } });
      t.Resize = function (range) { this.ref = range.Address(false, false); };
    }
    this.ListObjects = {
      get Count() { return sheet.tables.length; },
      Item: (i) => (typeof i === "number" ? sheet.tables[i - 1] : sheet.tables.find((t) => t.Name === i)),
    };
    this.Comments = {
      get Count() { return sheet.notes.size; },
      Item: (i) => Array.from(sheet.notes.values())[i - 1],
    };
    this.Rows = { Item: (n) => ({ Insert: () => sheet.insertRow(n) }) };
    this.Hyperlinks = {
      Add: (anchor, address, subAddress, tip, text) => {
        sheet.links.set(anchor.topLeft, { address, target: subAddress, tip, text });
        if (text !== undefined) sheet.cells.set(anchor.topLeft, text);
      },
    };
  }
  Range(a, b) {
    const [r1, c1, r2, c2] = parseRange(b === undefined ? a : a + ":" + b);
    return new FakeRange(this, r1, c1, r2, c2);
  }
  get UsedRange() {
    let r1 = Infinity, c1 = Infinity, r2 = 0, c2 = 0;
    for (const k of this.cells.keys()) {
      const [r, c] = parseCell(k);
      r1 = Math.min(r1, r); c1 = Math.min(c1, c); r2 = Math.max(r2, r); c2 = Math.max(c2, c);
    }
    return r2 === 0 ? new FakeRange(this, 1, 1, 1, 1) : new FakeRange(this, r1, c1, r2, c2);
  }
  /** Rows(n).Insert(): everything from row n down moves one row down (values, notes, fills, formats, links); a
   * table below moves, one the row goes into grows; references to row n and below in every formula of the book move
   * with their cells (=SUM(K4:K6) with a row inserted at 5 becomes =SUM(K4:K7), at 7 stays). */
  insertRow(n) {
    this.refuseIfProtected();
    this.inserted.push(n);
    const down = (ref) => { const [r, c] = parseCell(ref); return r >= n ? key(r + 1, c) : ref; };
    for (const name of ["cells", "colors", "formats", "links"]) {
      this[name] = new Map(Array.from(this[name].entries()).map(([k, v]) => [down(k), v]));
    }
    this.hiddenRows = new Set(Array.from(this.hiddenRows, (r) => (r >= n ? r + 1 : r)));
    this.merges = this.merges.map(([r1, c1, r2, c2]) => [r1 >= n ? r1 + 1 : r1, c1, r2 >= n ? r2 + 1 : r2, c2]);
    this.notes = new Map(Array.from(this.notes.entries()).map(([k, note]) => { note.ref = down(k); return [note.ref, note]; }));
    this.written = new Set(Array.from(this.written).map(down));
    this.texts = new Set(Array.from(this.texts).map(down));
    for (const t of this.tables) {
      const [r1, c1, r2, c2] = parseRange(t.ref);
      t.ref = key(r1 >= n ? r1 + 1 : r1, c1) + ":" + key(r2 >= n ? r2 + 1 : r2, c2);
    }
    const moveRefs = (formula, own) => formula.replace(/((?:'[^']+'|[^\s'!=(),:+\-*/]+)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)/g,
      (m, sheetRef, d1, col, d2, row) => {
        const target = sheetRef ? sheetRef.slice(0, -1).replace(/^'|'$/g, "") : own;
        return target === this.Name && Number(row) >= n ? (sheetRef || "") + d1 + col + d2 + (Number(row) + 1) : m;
      });
    for (const s of this.book.sheets) {
      for (const [k, v] of s.cells) if (typeof v === "string" && v.startsWith("=")) s.cells.set(k, moveRefs(v, s.Name));
    }
  }
  isFormula(k) {
    const v = this.cells.get(k);
    return typeof v === "string" && v.startsWith("=") && !this.texts.has(k);
  }
  Activate() { this.book.active = this; }
  refuseIfProtected() {
    if (this.ProtectContents) throw new Error("The cell or chart you're trying to change is on a protected sheet.");
  }
  Unprotect(password) {
    if (this.password && password !== this.password) throw new Error("密码不正确");
    this.ProtectContents = false;
  }
  Protect(password, drawing, contents, scenarios, uiOnly, ...allow) {
    this.password = password || "";
    this.ProtectContents = contents !== false;
    this.protections.push([password, drawing, contents, scenarios, uiOnly, ...allow]);
  }
  dump() {
    const obj = (m, f) => Object.fromEntries(Array.from(m.entries()).map(([k, v]) => [k, f ? f(v) : v]));
    return {
      name: this.Name, visible: this.Visible !== 0, cells: obj(this.cells), notes: obj(this.notes, (n) => n.text),
      colors: obj(this.colors), formats: obj(this.formats), links: obj(this.links), written: Array.from(this.written),
      widths: obj(this.widths), wraps: obj(this.wraps), inserted: this.inserted, protected: this.ProtectContents, protections: this.protections,
      texts: Array.from(this.texts), row_questions: this.rowQuestions, merge_questions: this.mergeQuestions,
      merged: this.merges.map(([r1, c1, r2, c2]) => key(r1, c1) + ":" + key(r2, c2)),
      tables: this.tables.map((t) => ({ name: t.Name, ref: t.ref })), print_area: this.PageSetup.PrintArea,
    };
  }
}

class FakeWorkbook {
  constructor(data) {
    this.Name = data.name;
    this.FullName = data.fullname || data.name;
    this.Path = data.path || "";
    this.Saved = data.saved !== false;
    this.Date1904 = data.date1904 === true;   // Excel → 选项 → 使用1904日期系统: Value2 counts days from 1904-01-01
    this.ReadOnly = data.readonly === true;
    this.saveFails = data.save_fails || null;   // "error": Save throws (no write permission); "cancel": nothing saved
    this.userName = data.user || "张三";
    // 审阅 → 保护工作簿 (with data.book_password, a password): WPS refuses to add, delete, rename or hide a sheet
    this.ProtectStructure = data.structure_protected === true;
    this.ProtectWindows = false;
    this.bookPassword = data.book_password || "";
    this.bookProtections = [];   // the arguments of each Workbook.Protect call, for the tests
    this.saves = 0;
    this.sheets = data.sheets.map((s) => new FakeSheet(this, s));
    // chart sheets (图表工作表, a chart moved to a sheet of its own): in Sheets after the worksheets, not in Worksheets;
    // a Chart has a Name and Visible but no UsedRange, Range, Comments (WPS JSAPI: "Sheets 集合包含工作簿中所有的工作表
    // (图表工作表和工作表)", Worksheets 对象)
    this.charts = (data.chart_sheets || []).map((name) => ({ Name: name, Visible: -1 }));
    this.active = this.sheets[0];
    this.names = (data.names || []).map((n) => ({ Name: n.name, RefersTo: n.refers_to }));
    for (const n of this.names) {   // a name of one range: its range; of a constant ="park": an error, as in WPS
      Object.defineProperty(n, "RefersToRange", { get: () => {
        const m = /^=(?:'((?:[^']|'')+)'|([^!'=]+))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$/.exec(n.RefersTo);
        if (!m) throw new Error("not a range: " + n.RefersTo);
        return this.Sheets.Item(m[1] ? m[1].replace(/''/g, "'") : m[2]).Range(m[3].replace(/\$/g, ""));
      } });
    }
    const book = this;
    const item = (list, i) => {
      const s = typeof i === "number" ? list[i - 1] : list.find((x) => x.Name === i);
      if (!s) throw new Error("no sheet " + i);
      return s;
    };
    const all = () => book.sheets.concat(book.charts);
    this.Worksheets = { get Count() { return book.sheets.length; }, Item: (i) => item(book.sheets, i) };
    this.Sheets = {
      get Count() { return all().length; },
      Item: (i) => item(all(), i),
      Add: (before, after) => {
        if (book.ProtectStructure) throw new Error("Workbook is protected and cannot be changed.");
        const s = new FakeSheet(book, { name: "Sheet" + (book.sheets.length + 1) });
        const place = (x) => (book.charts.includes(x) ? book.sheets.length : book.sheets.indexOf(x));
        const at = after ? place(after) + 1 : before ? place(before) : 0;
        book.sheets.splice(at, 0, s);
        book.active = s;
        return s;
      },
    };
    this.Names = { get Count() { return book.names.length; }, Item: (i) => book.names[i - 1] };
    this.closed = false;
    // a workbook closed in WPS while the add-in still holds it: every property or method of it fails, as a released
    // object of WPS's (and Excel's COM) does; "__raw" is the tests' own way in, to dump what it holds
    return new Proxy(this, { get(target, name) {
      if (name === "__raw") return target;
      if (target.closed) throw new Error("对象已被删除");
      return Reflect.get(target, name, target);
    } });
  }
  get ActiveSheet() { return this.active; }
  Unprotect(password) {
    if (this.bookPassword && password !== this.bookPassword) throw new Error("密码不正确");
    this.ProtectStructure = false;
    this.ProtectWindows = false;
  }
  Protect(password, structure, windows) {
    this.bookPassword = password || "";
    this.ProtectStructure = structure === true;
    this.ProtectWindows = windows === true;
    this.bookProtections.push([password, structure, windows]);
  }
  Save() {
    if (this.ReadOnly || this.saveFails === "error") throw new Error("Permission denied");
    if (this.saveFails === "cancel") return;
    this.saves += 1;
    this.Saved = true;
  }
  dump() {
    return { sheets: this.sheets.map((s) => s.dump()), saves: this.saves, structure_protected: this.ProtectStructure,
      book_protections: this.bookProtections, active: this.active.Name, selection: this.selection || null };
  }
}

function fakeApplication(data) {
  const app = { ActiveWorkbook: data ? new FakeWorkbook(data) : null, opened: [], statusBar: [] };
  // Application.StatusBar: each text set is kept (false: WPS's own text back)
  Object.defineProperty(app, "StatusBar", { get() { return app.statusBar.length ? app.statusBar[app.statusBar.length - 1] : false; },
                                            set(text) { app.statusBar.push(text); } });
  // the other workbooks open beside the active one (data.others: [{name, fullname, path, saved}]), Item(1) the active
  const books = app.ActiveWorkbook ? [app.ActiveWorkbook, ...((data && data.others) || []).map((o) => new FakeWorkbook(
    { sheets: [], ...o }))] : [];
  // data.open_fails: WPS cannot open another workbook (one of the same name is open, as Excel refuses it)
  const open = (path) => {
    if (data && data.open_fails) throw new Error("Cannot open two workbooks with the same name at the same time.");
    app.opened.push(path);
  };
  app.Workbooks = { Open: open, get Count() { return books.length; }, Item: (i) => books[i - 1] };
  app.closedBooks = [];
  // the person closes the active workbook (文件 → 关闭) while a button waits for the service
  app.closeActive = () => {
    const wb = app.ActiveWorkbook;
    books.splice(books.indexOf(wb), 1);
    app.closedBooks.push(wb.__raw);
    wb.__raw.closed = true;
    app.ActiveWorkbook = books[0] || null;
  };
  return app;
}

module.exports = { fakeApplication, FakeWorkbook, parseRange, colLetters };
