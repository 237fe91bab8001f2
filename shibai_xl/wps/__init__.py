"""The WPS 表格 path: a WPS JS add-in (``workbooks/wps/shibai_<version>/``) that talks to ``shibai serve``.

* :mod:`.settings` — the service's per-user settings: port, token, allowed origins;
* :mod:`.ribbon` — the add-in's ``ribbon.xml`` from the Excel add-in's buttons;
* :mod:`.install` — ``shibai wps install | status | uninstall``.
"""
