"""JSON Schema errors told in a clerk's words, with where they are in the file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cchc_desktop.i18n import N_, _

if TYPE_CHECKING:   # only a file that does not conform loads jsonschema (exchange/schema_check.py)
    from jsonschema import ValidationError


def _where(error: ValidationError, data: Any) -> str:
    """'sections/0/groups/1/indicators/3 (cddh.kh.tong)': the path, with the nearest code or id."""
    path = "/".join(str(p) for p in error.absolute_path) or _("(gốc)")
    node, named = data, ""
    for step in error.absolute_path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            name = node.get("code") or node.get("id")
            if isinstance(name, str):
                named = name
    return f"{path} ({named})" if named else path


# Field names of the files, as a clerk or a template author would call them.
_FIELD_NAMES = {
    "title": N_("tiêu đề"), "denominator": N_("mẫu số"), "numerator": N_("tử số"),
    "parts": N_("các thành phần"), "code": N_("mã"), "label": N_("nhãn"), "kind": N_("loại"),
    "flow": N_("số phát sinh/số thời điểm"), "unit": N_("đơn vị"), "period": N_("kỳ báo cáo"),
    "values": N_("số liệu"), "sections": N_("các mục"), "id": N_("mã định danh"),
    # the PAR-index criteria files (resources/par_index)
    "max_points": N_("điểm tối đa"), "scoring": N_("cách chấm điểm"),
    "criteria": N_("các tiêu chí"), "points": N_("điểm"),
}


def _field(name: str) -> str:
    known = _FIELD_NAMES.get(name)
    return f"'{name}' ({_(known)})" if known else f"'{name}'"


def describe(error: ValidationError, data: Any) -> str:
    """One schema error as a Vietnamese sentence."""
    validator, value = error.validator, error.validator_value
    if validator == "required":
        missing = [name for name in value if isinstance(error.instance, dict)
                   and name not in error.instance]
        # jsonschema gives one error per missing field ("'unit' is a required property"):
        # naming them all in each made a file without two fields say the same line twice.
        missing = [name for name in missing if error.message.startswith(repr(name))] or missing
        detail = _("thiếu trường bắt buộc {name}").format(
            name=", ".join(_field(name) for name in (missing or value)))
    elif validator == "enum":
        detail = _("giá trị '{found}' không hợp lệ (chỉ nhận: {allowed})").format(
            found=error.instance, allowed=", ".join(map(str, value)))
    elif validator == "const":
        detail = _("phải là '{expected}'").format(expected=value)
    elif validator == "type":
        kinds = {"string": _("chuỗi chữ"), "integer": _("số nguyên"), "number": _("số"),
                 "object": _("bảng khóa-giá trị"), "array": _("danh sách"), "boolean": _("đúng/sai"),
                 "null": _("rỗng")}
        wanted = value if isinstance(value, list) else [value]
        detail = _("phải là {kind}").format(kind=_(" hoặc ").join(kinds.get(str(k), str(k)) for k in wanted))
    elif validator == "additionalProperties":
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})] \
            if isinstance(error.instance, dict) else []
        detail = _("có trường không được phép: {names}").format(names=", ".join(map(str, extra)))
    elif validator == "pattern":
        detail = _("'{found}' sai dạng").format(found=error.instance)
    elif validator in ("minimum", "maximum"):
        detail = _("giá trị {found} nằm ngoài giới hạn ({limit})").format(
            found=error.instance, limit=value)
    elif validator in ("minLength", "minItems"):
        detail = _("không được để trống")
    elif validator in ("maxLength", "maxItems"):
        detail = _("quá dài (tối đa {limit})").format(limit=value)
    elif validator in ("anyOf", "oneOf"):
        detail = _("giá trị '{found}' không đúng kiểu").format(found=error.instance)
    else:
        detail = error.message
    return f"{_where(error, data)}: {detail}"
