"""Reading a year file into the typed model (``model.py``); which file is chosen in ``choice.py``."""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import BadOption, why
from ..user_dirs import cache_dir
from .choice import ENV, packaged, selected_path
from .enums import AppType, Severity
from .model import (
    AgeClaim,
    AtMost,
    Claim,
    Common,
    Consistency,
    Criterion,
    EntityRule,
    Exclusive,
    Field,
    FormGap,
    Gap,
    Material,
    NameWord,
    NeedsYes,
    PartsOf,
    ProjectType,
    RateOf,
    RemarkClaim,
    ResidentRule,
    RubricInfo,
    RubricItem,
    Threshold,
    Titles,
    Verify,
)
from .rules import Rules


def load(year: int | None = None) -> Rules:
    """The rules in force (``SHIBAI_RULES``, else the package's default year), loaded once per file.

    With ``year``: that year's rules — the chosen file when it is of that year, else the package's.
    """
    chosen = selected()
    if year is None or chosen.year == year:
        return chosen
    return load_file(packaged(year))


_SELECTED: dict[str | None, Rules] = {}   # SHIBAI_RULES as set → its rules (asked for in every hot loop)
_STAMPS: dict[str | None, tuple[int, int] | None] = {}   # → the file's (mtime, size) when it was read


def selected() -> Rules:
    """The rules the person running the tool chose (``SHIBAI_RULES``), or the package's default year."""
    choice = os.environ.get(ENV)
    rules = _SELECTED.get(choice)
    if rules is None:
        path = selected_path()
        _STAMPS[choice] = _stamp(path)
        rules = _SELECTED[choice] = load_file(path)
    return rules


def forget_if_edited() -> None:
    """For a process that outlives an edit of the year file in force (Excel's formula server, open for as long as
    Excel is): its rules are read again when the file has changed since they were — a command reads them afresh
    each run, and a formula must not say what the file said before. One stat, asked once per formula."""
    choice = os.environ.get(ENV)
    if choice in _SELECTED and _stamp(selected_path()) != _STAMPS.get(choice):
        del _SELECTED[choice]
        load_file.cache_clear()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:   # reading it says why
        return None
    return st.st_mtime_ns, st.st_size


@cache
def load_file(path: Path) -> Rules:
    """One year file as the typed model; a file that cannot be read or lacks a key is a BadOption."""
    try:
        data = parse_toml(path.read_bytes())
    except OSError as e:
        raise BadOption(f"无法读取规则文件“{path}”（{why(e)}），请检查环境变量 {ENV}") from e
    except UnicodeDecodeError as e:
        raise BadOption(f"规则文件“{path}”不是 UTF-8 编码的文本文件，请用 UTF-8 编码保存") from e
    except ValueError as e:
        if not _toml_error(e):
            raise
        at = re.search(r"line (\d+), column (\d+)", str(e))
        where = f"第 {at.group(1)} 行第 {at.group(2)} 列附近" if at else "某处"
        raise BadOption(f"规则文件“{path}”的 TOML 格式有误（{where}），请对照 y2024.toml 修改") from e
    try:
        return build(data, path)
    except KeyError as e:
        raise BadOption(f"规则文件“{path}”缺少“{e.args[0] if e.args else ''}”一项，请对照 y2024.toml 补上") from e
    except (TypeError, ValueError) as e:
        raise BadOption(f"规则文件“{path}”有一项写错了（{why(e)}：{_chinese_part(e)}），请对照 y2024.toml 修改") from e


def _toml_error(e: ValueError) -> bool:
    """A TOML syntax error (tomllib, imported only when a year file is parsed, has then raised it)."""
    tomllib = sys.modules.get("tomllib")
    return tomllib is not None and isinstance(e, tomllib.TOMLDecodeError)


CACHE_FORMAT = 1


def parse_toml(raw: bytes) -> dict[str, Any]:
    """A TOML file's data (the year file; the GB 32100 table). Parsing the year file takes a tenth of a second's
    start-up of every command (importing the parser alone a few milliseconds), so the result is kept as JSON (a
    twentieth of the time to read) in the user's cache folder under the file's SHA-256: an edited file is parsed
    again, and a cache that cannot be read or written, or was not written by this version for these bytes, is
    only slower."""
    digest = hashlib.sha256(raw).hexdigest()
    cached = cache_dir() / f"rules-{digest}.json"
    try:
        kept = json.loads(cached.read_bytes())
        if (isinstance(kept, dict) and kept.get("format") == CACHE_FORMAT and kept.get("sha256") == digest
                and isinstance(kept.get("rules"), dict)):
            return kept["rules"]
    except (OSError, ValueError):
        pass
    import tomllib  # here: most runs read the cached JSON and never parse TOML

    data = tomllib.loads(raw.decode("utf-8"))
    try:
        text = json.dumps({"format": CACHE_FORMAT, "sha256": digest, "rules": data}, ensure_ascii=False)
        if json.loads(text)["rules"] == data:    # a TOML date or time would come back as text: not kept
            cached.parent.mkdir(parents=True, exist_ok=True)
            temp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
            try:
                temp.write_text(text, "utf-8")
                os.replace(temp, cached)
            finally:
                temp.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        pass
    return data


def _chinese_part(e: Exception) -> str:
    """The message a check in this module wrote (Chinese), else nothing of Python's English."""
    text = str(e)
    return text if re.search(r"[\u4e00-\u9fff]", text) else "类型或取值不对"


def build(data: dict[str, Any], source: Path | None = None) -> Rules:
    choices = {k: tuple(v) for k, v in data["contract"].items() if k != "fields"}
    return Rules(
        year=int(data["year"]),
        source=source,
        titles=Titles(programme=data["title"], notice=data["notice"], summary=data["summary_title"],
                      province=data["province_title"], upload_name=data["upload_name"]),
        review_months=tuple(data["review_months"]),
        review_pass_line=data["review_pass_line"],
        review_trim_min=data["review_trim_min"],
        types={AppType(tid): _type(tid, t) for tid, t in data["types"].items()},
        rubrics={AppType(tid): tuple(_item(i) for i in r["items"]) for tid, r in data["rubric"].items()},
        rubric_infos={AppType(tid): RubricInfo(precondition=r["precondition"], total_text=r["total_text"],
                                               gaps=tuple(FormGap(**g) for g in r.get("gaps", ())),
                                               exclusive=tuple(Exclusive(items=tuple(x["items"]))
                                                               for x in r.get("exclusive", ())))
                      for tid, r in data["rubric"].items()},
        materials=tuple(Material(**{**m, "wording": tuple(m.get("wording", ()))}) for m in data["materials"]),
        materials_clause=data["materials_rule"]["clause"],
        common=_common(data["common"]),
        entity=_entity(data["entity"]),
        residents=ResidentRule(staff_min=data["residents"]["staff_min"],
                               note_keywords={k: tuple(v) for k, v in data["residents"]["note_keywords"].items()},
                               plausible_max=dict(data["residents"].get("plausible_max", {}))),
        consistency=_consistency(data["consistency"]),
        fields={f["name"]: _field(f, choices, data.get("choice_aliases", {})) for f in data["contract"]["fields"]},
        choices=choices,
    )


def _type(tid: str, t: dict[str, Any]) -> ProjectType:
    return ProjectType(
        id=AppType(tid), label=t["label"], short=t["short"], aliases=tuple(t["aliases"]),
        form_title=t["form_title"], rubric_title=t["rubric_title"], min_years=t["min_years"],
        base_total=t["base_total"], bonus_cap=t["bonus_cap"], total=t["total"], condition_text=t["condition_text"],
        thresholds=tuple(Threshold(**th) for th in t["thresholds"]), kind_field=t.get("kind_field"),
        verify=tuple(t.get("verify", ())), resident_list=bool(t.get("resident_list", False)))


def _criterion(c: dict[str, Any]) -> Criterion:
    c = dict(c)
    for key in ("sum", "any_yes", "all_yes"):
        if key in c:
            c[key] = tuple(c[key])
    if "prefer" in c:
        c["prefer"] = tuple(_criterion(sub) for sub in c["prefer"])
    return Criterion(**c)


def _item(i: dict[str, Any]) -> RubricItem:
    return RubricItem(
        id=i["id"], level1=i["level1"], level2=i.get("level2", ""), text=i["text"], points=i["points"],
        bonus=i.get("bonus", False), criteria=tuple(_criterion(c) for c in i.get("criteria", ())),
        manual=i.get("manual"), gap=Gap(**i["gap"]) if "gap" in i else None,
        verify=Verify(**i["verify"]) if "verify" in i else None, note=i.get("note"))


def _common(c: dict[str, Any]) -> Common:
    return Common(
        text=c["text"], region_prefix=c["region_prefix"], region_zone_codes=tuple(c["region_zone_codes"]),
        credit_fields=tuple(c["credit_fields"]), performance_min_chars=c["performance_min_chars"],
        period_months=c["period_months"], period_max_age_months=c["period_max_age_months"],
        application_window=tuple(c["application_window"]), application_window_text=c["application_window_text"],
        non_enterprise_operator_types=tuple(c["non_enterprise_operator_types"]),
        non_enterprise_gap=c["non_enterprise_gap"], retail_note=c["retail_note"],
        credit_unclear_field=c.get("credit_unclear_field"), credit_unclear_words=tuple(c.get("credit_unclear_words", ())),
        verify=tuple(c.get("verify", ())))


def _entity(e: dict[str, Any]) -> EntityRule:
    return EntityRule(enterprise=tuple(e["enterprise"]), not_legal_person=tuple(e["not_legal_person"]),
                      non_enterprise_fails=tuple(AppType(t) for t in e["non_enterprise_fails"]),
                      name_words=tuple(NameWord(**w) for w in e["name_words"]))


def _consistency(c: dict[str, Any]) -> Consistency:
    return Consistency(
        claims=tuple(Claim(**x) for x in c.get("claims", ())),
        remark_claims=tuple(RemarkClaim(**{**x, "types": tuple(x["types"])}) for x in c.get("remark_claims", ())),
        needs_yes=tuple(NeedsYes(**x) for x in c.get("needs_yes", ())),
        at_most=tuple(AtMost(**x) for x in c.get("at_most", ())),
        rate_of=tuple(RateOf(**x) for x in c.get("rate_of", ())),
        parts_of=tuple(PartsOf(whole=x["whole"], parts=tuple(x["parts"]), text=x["text"]) for x in c.get("parts_of", ())),
        age_claims=tuple(AgeClaim(**x) for x in c.get("age_claims", ())))


_REQUIRED = {"error": Severity.ERROR, "warning": Severity.WARNING, "optional": None}


def _field(f: dict[str, Any], choices: dict[str, tuple[str, ...]], aliases: dict[str, str] | None = None) -> Field:
    f = dict(f)
    f["types"] = tuple(AppType(t) for t in f.get("types", AppType))
    f["required"] = _REQUIRED[f.get("required", "warning")]
    if "choices" in f:
        f["choices"] = choices[f["choices"]]
        f["aliases"] = {typed: choice for typed, choice in (aliases or {}).items() if choice in f["choices"]}
    if f.get("coarsest", "month") not in ("month", "year"):
        raise ValueError(f"{f['name']}: coarsest = {f['coarsest']!r}，应为 \"month\" 或 \"year\"")
    return Field(**f)
