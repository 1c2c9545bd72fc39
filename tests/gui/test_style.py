"""The app's colours stay readable, also for colour-blind readers.

resources/style/app.qss names its colours from resources/style/palette.json. Here:

* every @name of the stylesheet is a palette colour, and every palette colour is used;
* every text colour of the stylesheet, of the findings list and of the board has a WCAG
  contrast ratio of at least 4.5 against what it is drawn on;
* after simulating protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes
  2009, severity 1.0, applied in linear RGB), the error and warning colours stay apart from
  plain text and, where the palette can do it, from each other. Where it cannot (red against
  brown for deuteranopes), the findings panel tells the severity by the shape of its icon, which
  is checked on the real panel.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from cchc_desktop.domain.template import Severity
from cchc_desktop.gui.style import colour, palette
from cchc_desktop.paths import resources_dir
from tests.gui.helpers import fill

STYLE = resources_dir() / "style"
SOURCES = Path(__file__).resolve().parents[2] / "cchc_desktop" / "gui"

# The tones whose colour says something (a problem, an estimate, a computed figure).
MEANINGFUL_TONES = ("error", "error-strong", "warning", "estimated", "computed", "result")
# WCAG 2.1, 1.4.3: normal-size text needs 4.5:1; 1.4.11: a control's border needs 3:1.
TEXT_CONTRAST = 4.5
BORDER_CONTRAST = 3.0
# A CIE76 difference of about 2.3 is just noticeable between two large patches; a thin text
# stroke needs several times that (Stone, Szafir & Setlur 2014: colour difference grows as
# the mark gets smaller), so two text colours count as told apart from 20 on.
DISTINCT_DELTA_E = 20.0

# Machado et al. 2009, table of severity 1.0: linear RGB in, simulated linear RGB out.
SIMULATIONS: dict[str, tuple[tuple[float, float, float], ...] | None] = {
    "normal": None,
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779),
                   (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


# ------------------------------------------------------------------------------ colour science

def linear_rgb(hex_colour: str) -> tuple[float, float, float]:
    """sRGB '#rrggbb' to linear light (IEC 61966-2-1)."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    colour_ = QColor(hex_colour)
    return channel(colour_.red()), channel(colour_.green()), channel(colour_.blue())


def luminance(hex_colour: str) -> float:
    r, g, b = linear_rgb(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def simulate(hex_colour: str, vision: str) -> tuple[float, float, float]:
    rgb = linear_rgb(hex_colour)
    matrix = SIMULATIONS[vision]
    if matrix is None:
        return rgb
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)
    return r, g, b


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear sRGB to CIE L*a*b* (D65 white)."""
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(first: str, second: str, vision: str) -> float:
    """CIE76 difference between two colours as seen with `vision`."""
    return math.dist(lab(simulate(first, vision)), lab(simulate(second, vision)))


def test_the_formulas_give_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert lab(linear_rgb("#ffffff")) == pytest.approx((100, 0, 0), abs=0.05)
    # Red and green, far apart for most readers, nearly meet for a protanope or a deuteranope.
    assert delta_e("#ff0000", "#00ff00", "normal") > 150
    assert delta_e("#d00000", "#707000", "deuteranopia") < 15


# ------------------------------------------------------------------------------ the stylesheet

def qss_rules() -> list[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) of app.qss, comments dropped, one entry per selector."""
    text = re.sub(r"/\*.*?\*/", "", (STYLE / "app.qss").read_text(encoding="utf-8"), flags=re.S)
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        declarations = dict(
            (name.strip(), value.strip()) for name, _sep, value in
            (part.partition(":") for part in body.split(";") if ":" in part))
        rules += [(selector.strip(), declarations) for selector in selectors.split(",")]
    return rules


def tone_colours() -> dict[str, tuple[str, str | None]]:
    """tone -> (text colour, own background or None) of the tones of texts, as palette names."""
    tones = {}
    for selector, declarations in qss_rules():
        match = re.search(r'\[tone="([a-z-]+)"\]', selector)
        # A QFrame tone colours a separator line, which is decoration, not text.
        if match and "color" in declarations and not selector.startswith("QFrame"):
            background = declarations.get("background")
            tones[match.group(1)] = (declarations["color"].lstrip("@"),
                                     background.lstrip("@") if background else None)
    return tones


def hex_of(name: str) -> str:
    return palette()[name]


def test_every_name_in_the_stylesheet_is_a_palette_colour() -> None:
    names = re.findall(r"@([a-z_]+)", (STYLE / "app.qss").read_text(encoding="utf-8"))
    assert names
    assert sorted(set(names) - set(palette())) == []


def test_every_palette_colour_is_used() -> None:
    raw = json.loads((STYLE / "palette.json").read_text(encoding="utf-8"))
    assert set(palette()) == {name for name in raw if not name.startswith("_")}
    in_stylesheet = set(re.findall(r"@([a-z_]+)", (STYLE / "app.qss").read_text(encoding="utf-8")))
    # Code paints with colour(name); the name is a string literal somewhere in the GUI.
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES.rglob("*.py"))
    in_code = {name for name in palette() if f'"{name}"' in code}
    assert sorted(set(palette()) - in_stylesheet - in_code) == []


# A colour written in code ("#b00020", QColor(205, 205, 205), QColor("white")) or a widget's own
# style sheet: what the palette and app.qss are there to hold once.
_COLOUR_IN_CODE = re.compile(r"#[0-9a-fA-F]{6}\b|QColor\(\s*[\d\"']|\.setStyleSheet\(")


def colours_in_code(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if _COLOUR_IN_CODE.search(line)]


def test_no_colour_or_style_sheet_is_written_in_the_window_code() -> None:
    found = {path.relative_to(SOURCES).as_posix(): colours_in_code(path.read_text(encoding="utf-8"))
             for path in SOURCES.rglob("*.py")
             if "designer" not in path.relative_to(SOURCES).parts and path.name != "style.py"}
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_colour_check_sees_each_way_of_writing_one() -> None:
    assert colours_in_code('ERROR = "color: #b00020;"\npen = QPen(QColor(205, 205, 205))\n'
                           'fill = QColor("white")\nbutton.setStyleSheet("font-weight: bold")\n'
                           'ok = QColor(Qt.GlobalColor.black)\nbrush = colour("chart_grid")\n') == [
        'ERROR = "color: #b00020;"', "pen = QPen(QColor(205, 205, 205))", 'fill = QColor("white")',
        'button.setStyleSheet("font-weight: bold")']


def test_the_meaningful_tones_are_in_the_stylesheet() -> None:
    assert set(MEANINGFUL_TONES) <= set(tone_colours())


# ------------------------------------------------------------------------------ contrast

def surfaces() -> dict[str, str]:
    """What a label without its own background is drawn on: white, or the window's colour
    (pages and docks show the window colour of the style, Fusion's #efefef in the tests)."""
    window = QApplication.palette().color(QPalette.ColorRole.Window).name()
    return {"white": "#ffffff", "window": window}


@pytest.mark.parametrize("tone", sorted(tone_colours()))
def test_each_tone_is_readable_on_its_background(tone: str) -> None:
    text, own_background = tone_colours()[tone]
    backgrounds = {own_background: hex_of(own_background)} if own_background else surfaces()
    for where, background in backgrounds.items():
        ratio = contrast(hex_of(text), background)
        assert ratio >= TEXT_CONTRAST, f"{tone}: {text} on {where} {background} is {ratio:.2f}:1"


def test_an_invalid_field_stays_readable_and_its_border_visible() -> None:
    rules = dict(qss_rules())
    invalid = rules['QLineEdit[invalid="true"]']
    background = hex_of(invalid["background"].lstrip("@"))
    border = re.search(r"@([a-z_]+)", invalid["border"])
    assert border is not None
    typed = QApplication.palette().color(QPalette.ColorRole.Text).name()
    assert contrast(typed, background) >= TEXT_CONTRAST
    for around in (background, *surfaces().values()):
        assert contrast(hex_of(border.group(1)), around) >= BORDER_CONTRAST


def list_backgrounds() -> list[str]:
    """Item views draw rows on Base and, every other row, AlternateBase."""
    app_palette = QApplication.palette()
    return [app_palette.color(role).name()
            for role in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase)]


@pytest.mark.parametrize("name", ["error", "text"])
def test_findings_and_board_texts_are_readable_in_their_lists(name: str) -> None:
    for background in list_backgrounds():
        assert contrast(hex_of(name), background) >= TEXT_CONTRAST


@pytest.mark.parametrize("state", ["board_on_time", "board_late", "board_missing", "board_error"])
def test_board_states_are_readable(state: str) -> None:
    # The status cell writes its state ("Đúng hạn", "Chưa gửi"...) in @text on the state's colour,
    # so the colour is never the only sign of the state.
    assert contrast(hex_of("text"), hex_of(state)) >= TEXT_CONTRAST


# ------------------------------------------------------------------------------ colour-blind readers

def plain_texts() -> dict[str, str]:
    app_palette = QApplication.palette()
    return {"text": hex_of("text"),
            "window text": app_palette.color(QPalette.ColorRole.WindowText).name(),
            "list text": app_palette.color(QPalette.ColorRole.Text).name()}


@pytest.mark.parametrize("vision", list(SIMULATIONS))
@pytest.mark.parametrize("name", ["error", "warning"])
def test_error_and_warning_stand_out_from_plain_text(name: str, vision: str) -> None:
    for plain, value in plain_texts().items():
        difference = delta_e(hex_of(name), value, vision)
        assert difference >= DISTINCT_DELTA_E, f"{name} against {plain} ({vision}): ΔE {difference:.1f}"


# Deuteranopia is left out on purpose: the error red and the warning brown both fall on its
# yellow axis at the same lightness (ΔE about 7). Hues close to today's that would keep them
# apart lose either the contrast above or the distance from plain text, so for these readers
# the severity is told by the icon (next test) and by the wording of each message.
@pytest.mark.parametrize("vision", ["normal", "protanopia", "tritanopia"])
def test_error_and_warning_differ(vision: str) -> None:
    assert delta_e(hex_of("error"), hex_of("warning"), vision) >= DISTINCT_DELTA_E


def silhouette(icon: QIcon) -> set[tuple[int, int]]:
    """The opaque pixels of the icon at 32 px: its shape, whatever its colours."""
    image = icon.pixmap(32, 32).toImage()
    return {(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() > 127}


def test_findings_tell_the_severity_by_the_shape_of_an_icon(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"cddh.kiem_tra.ke_hoach": "3", "cddh.kiem_tra.da_kiem_tra": "5",
                         "cddh.kh.tong": "10", "cddh.kh.hoan_thanh": "11"})
    panel = window.findings
    items = [panel.list.item(row) for row in range(panel.list.count())]
    severities = {item.data(Qt.ItemDataRole.UserRole).severity for item in items}
    assert severities == {Severity.ERROR, Severity.WARNING}
    shapes = {}
    for item in items:
        severity = item.data(Qt.ItemDataRole.UserRole).severity
        assert not item.icon().isNull(), item.text()
        shapes.setdefault(severity, silhouette(item.icon()))
        assert silhouette(item.icon()) == shapes[severity], "one icon per severity"
        # Besides the icon, errors are written in the error colour and warnings in plain text,
        # which stand apart for every reader (test_error_and_warning_stand_out_from_plain_text).
        if severity is Severity.ERROR:
            assert item.foreground().color() == colour("error")
        else:
            assert item.foreground().style() == Qt.BrushStyle.NoBrush
    error, warning = shapes[Severity.ERROR], shapes[Severity.WARNING]
    assert error and warning
    # A circle and a triangle: at least a tenth of the 32 x 32 pixels are in one shape only.
    assert len(error ^ warning) >= 0.1 * 32 * 32
