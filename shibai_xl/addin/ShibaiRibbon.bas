Attribute VB_Name = "ShibaiRibbon"
Option Explicit

' 十百千万 功能区回调（由 shibai_xl/addin/build.py 编入 shibai.xlam，请勿在 VBA 编辑器里修改）。
'
' 功能区上的每个按钮都调用 SbRibbonAction，按钮 ID 原样交给 Python：
'     shibai_xl.faces.ribbon_actions.dispatch(control_id)
' 新增按钮只需修改 shibai_xl/addin/ribbon.py 和 dispatch，这里不用改。
' RunPython 来自同一工程里的 xlwings 模块（xlwings 自定义加载项版本）。

Public Sub SbRibbonAction(control As IRibbonControl)
    RunPython "import shibai_xl.faces.ribbon_actions as r; r.dispatch('" & control.Id & "')"
End Sub
