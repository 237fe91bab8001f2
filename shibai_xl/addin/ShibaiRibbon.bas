Attribute VB_Name = "ShibaiRibbon"
Option Explicit

' 十百千万 功能区回调（由 shibai_xl/addin/build.py 编入 shibai.xlam，请勿在 VBA 编辑器里修改）。
'
' 功能区上的每个按钮都调用 SbRibbonAction，按钮 ID 原样交给 Python：
'     shibai_xl.faces.ribbon_actions.dispatch(control_id)
' 新增按钮只需修改 shibai_xl/addin/ribbon.py 和 dispatch，这里不用改。
' RunPython 来自同一工程里的 xlwings 模块（xlwings 自定义加载项版本，见 shibai_xl/addin/hardening.py）。
' “帮助”不需要 Python：说明文字（SbShowsHelp、SbHelpText）和“哪些按钮要先打开工作簿”（SbNeedsWorkbook）
' 由 build.py 根据 ribbon.py 生成，接在本模块末尾。

Private Const SB_TITLE As String = "十百千万"

Public Sub SbRibbonAction(control As IRibbonControl)
    Dim controlId As String
    controlId = control.Id
    If SbShowsHelp(controlId) Then
        MsgBox SbHelpText(), vbInformation, SB_TITLE
        Exit Sub
    End If
    If ActiveWorkbook Is Nothing And SbNeedsWorkbook(controlId) Then
        MsgBox "现在没有打开的工作簿。" & vbLf & "请先打开（并点一下）要处理的申报表或项目汇总表，再点此按钮。" & vbLf & _
            "工作簿显示“受保护的视图”时，要先点“启用编辑”。", vbExclamation, SB_TITLE
        Exit Sub
    End If
    On Error GoTo Failed
    RunPython "import shibai_xl.faces.ribbon_actions as r; r.dispatch('" & controlId & "')"
    Exit Sub
Failed:
    MsgBox "无法启动 Python（" & Err.Description & "）。" & vbLf & _
        "请在命令提示符中运行 shibai addin status 查看设置，必要时重新运行 shibai addin install。", _
        vbCritical, SB_TITLE
End Sub
