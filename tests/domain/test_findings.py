"""domain/findings.py: a finding is data, written as a sentence only where it is shown.

Its wording's arguments are written at that moment, in the language of that moment or the one
a document asks for: figures by the one number formatter (`1.234.567`, `92,52%`), indicators
by label, phrase or full label, lists as 'a, b và c', levels by their catalogue label, the
template's hint after the sentence. Beside tests/domain/test_template_rules.py, which checks
the sentences each kind of rule makes.
"""

from __future__ import annotations

from decimal import Decimal

from cchc_desktop.domain.field_kinds import IndicatorKind
from cchc_desktop.domain.findings import (
    Amount,
    Finding,
    LevelName,
    Name,
    Names,
    Severity,
    Wording,
    finding_text,
    join,
    write,
)
from cchc_desktop.domain.template import Indicator
from cchc_desktop.domain.units import Text
from cchc_desktop.i18n import language_named, set_language


def _indicator(code: str, label: str, short: str = "", level: str = "") -> Indicator:
    return Indicator(code, Text(label), Text("hồ sơ"), IndicatorKind.COUNT, "tthc", "tthc.hs",
                     short=Text(short), level_label=Text(level))


RECEIVED = _indicator("hs.tiep_nhan", "Số hồ sơ tiếp nhận", level="Cấp xã")
ON_TIME = _indicator("hs.dung_han", "Đúng hạn", short="số hồ sơ đúng hạn")
LATE = _indicator("hs.qua_han", "Quá hạn")


def _finding(wording: Wording | str, **changes: object) -> Finding:
    return Finding("r.thu", Severity.WARNING, ("hs.tiep_nhan",), wording, "tthc",
                   kind="le", **changes)  # type: ignore[arg-type]


def test_join_lists_phrases_the_vietnamese_way() -> None:
    assert join([]) == "" and join(["a"]) == "a"
    assert join(["a", "b"]) == "a và b"
    assert join(["a", "b", "c"]) == "a, b và c"


def test_amounts_are_written_by_the_number_formatter() -> None:
    wording = Wording("{n} hồ sơ, đạt {rate}; chưa có {none}.", (
        ("n", Amount("value", Decimal("1234567"))),
        ("rate", Amount("value", Decimal("92.5211"), places=2, percent=True)),
        ("none", Amount("value", None))))
    assert write(wording) == "1.234.567 hồ sơ, đạt 92,52%; chưa có ."


def test_indicators_are_named_by_label_phrase_or_full_label_and_lists_summed() -> None:
    wording = Wording("{whole} gồm {parts}; {phrase}; {full}; {one}.", (
        ("whole", Name(RECEIVED)), ("parts", Names((ON_TIME, LATE), total=True)),
        ("phrase", Name(LATE, "phrase")), ("full", Name(RECEIVED, "full_label")),
        ("one", Names((ON_TIME,), total=True))))
    assert write(wording) == ("Số hồ sơ tiếp nhận gồm tổng số hồ sơ đúng hạn và quá hạn; "
                              "quá hạn; Số hồ sơ tiếp nhận (cấp xã); số hồ sơ đúng hạn.")


def test_capitalised_arguments_levels_and_nested_wordings() -> None:
    inner = Wording("{who} chưa báo cáo", (("who", LevelName("xa")),))
    wording = Wording("{what}: {count} đơn vị.", (("what", inner), ("count", 3)),
                      capitalised=("what",))
    assert write(wording) == "Cấp xã chưa báo cáo: 3 đơn vị."
    lower = Wording("{p} vượt.", (("p", Name(ON_TIME, "phrase")),), capitalised=("p",))
    assert write(lower) == "Số hồ sơ đúng hạn vượt."


def test_the_hint_follows_the_sentence_and_a_plain_string_is_kept() -> None:
    finding = _finding("Tỷ lệ đúng hạn thấp.", hint=Text("Kế hoạch năm: 90%."))
    assert finding_text(finding) == "Tỷ lệ đúng hạn thấp. Kế hoạch năm: 90%."
    assert finding.message == "Tỷ lệ đúng hạn thấp. Kế hoạch năm: 90%."
    assert finding_text(_finding("Chỉ một câu.")) == "Chỉ một câu."


def test_a_document_asks_for_its_language_whatever_the_screen_speaks() -> None:
    finding = _finding(Wording("{parts}: {n}.", (("parts", Names((ON_TIME, LATE))),
                                                 ("n", Amount("value", Decimal("1234.5"), places=1)))))
    set_language("en")
    english = finding_text(finding)
    assert english.endswith(": 1,234.5.") and " and " in english
    assert finding_text(finding, language_named("vi")) == ("số hồ sơ đúng hạn và quá hạn: "
                                                           "1.234,5.")
    assert finding_text(finding) == english      # the screen's language is back


def test_figure_and_json_give_the_findings_data() -> None:
    finding = _finding(Wording("{a}", (("a", Amount("total", Decimal("7"))),)),
                       figures=(Amount("total", Decimal("7"), ("hs.tiep_nhan",)),
                                Amount("difference", Decimal("-2.50"))), justified=True)
    assert finding.figure("difference") == Amount("difference", Decimal("-2.50"))
    assert finding.figure("target") is None
    assert finding.as_json() == {
        "rule": "r.thu", "kind": "le", "severity": "warning", "codes": ["hs.tiep_nhan"],
        "message": "7", "section": "tthc", "justified": True,
        "figures": [{"role": "total", "codes": ["hs.tiep_nhan"], "value": "7"},
                    {"role": "difference", "codes": [], "value": "-2.50"}]}
    assert Severity("error") is Severity.ERROR
