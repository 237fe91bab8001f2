"""Where a user's WPS keeps its add-ins and settings (a temporary home in tests)."""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Where:
    """The user whose WPS this is: platform, environment and home (temporary ones in tests)."""
    platform: str = sys.platform
    env: Mapping[str, str] | None = None
    home: Path | None = None

    def __post_init__(self) -> None:
        self.env = dict(os.environ if self.env is None else self.env)
        if self.home is None:
            self.home = Path(self.env.get("HOME") or self.env.get("USERPROFILE") or Path.home())

    @property
    def windows(self) -> bool:
        return self.platform.startswith("win")

    @property
    def settings(self) -> dict[str, Any]:
        return {"platform": self.platform, "env": self.env, "home": self.home}

    def jsaddons(self) -> Path:
        if self.windows:
            appdata = self.env.get("APPDATA")
            return (Path(appdata) if appdata else self.home / "AppData" / "Roaming") / "kingsoft" / "wps" / "jsaddons"
        return self.home / ".local" / "share" / "Kingsoft" / "wps" / "jsaddons"

    def config_home(self) -> Path:
        xdg = self.env.get("XDG_CONFIG_HOME")
        return Path(xdg) if xdg else self.home / ".config"

    def user_systemd(self) -> bool:
        """A systemd user session bus to talk to (absent in containers, some 信创 desktops, CI)."""
        runtime = self.env.get("XDG_RUNTIME_DIR")
        return (not self.windows and bool(runtime) and (Path(runtime) / "bus").exists()
                and shutil.which("systemctl") is not None)
