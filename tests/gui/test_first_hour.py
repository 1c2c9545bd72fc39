"""A clerk's first hour: the window fits a laptop's screen, the tree shows whole titles, a report
starts with one question at most, justified warnings say so, a finding leads to its own field, and
the guide is in the Help menu."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cchc_desktop.gui import window_geometry
from cchc_desktop.gui.window_geometry import fitted_geometry
from tests.gui.conftest import TODAY, make_window

LAPTOP = QRect(0, 0, 1366, 768 - 32)   # a 1366 × 768 screen less a 32-pixel task bar


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


# ---------------------------------------------------------------------- the window fits the screen

def test_the_first_window_takes_at_most_nine_tenths_of_the_screen() -> None:
    rect = fitted_geometry(LAPTOP)
    assert LAPTOP.contains(rect)
    assert rect.width() <= 0.9 * LAPTOP.width() and rect.height() <= 0.9 * LAPTOP.height() + 1
    assert rect.center() == LAPTOP.center() or (rect.center() - LAPTOP.center()).manhattanLength() <= 1
    # A large screen: the size the window was designed at, not larger.
    assert fitted_geometry(QRect(0, 0, 2560, 1400)).size() == window_geometry.PREFERRED
    # A screen under the usable minimum: all of it less the title bar and borders, never more.
    small = QRect(0, 0, 900, 560)
    rect = fitted_geometry(small)
    assert rect.size() == small.size() - window_geometry.FRAME and small.contains(rect)
    # A laptop at 125% (1366 × 768 less the task bar, in device-independent pixels): the title
    # bar stays on the screen.
    scaled = QRect(0, 0, 1093, 589)
    assert fitted_geometry(scaled).height() + window_geometry.FRAME.height() <= scaled.height()


def test_on_a_laptop_screen_the_status_bar_and_the_calculator_are_on_the_screen(qtbot, store) -> None:
    from cchc_desktop.gui.main_window import MainWindow

    window = MainWindow(store, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.fit_to_screen(LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    assert LAPTOP.contains(window.geometry())
    assert LAPTOP.contains(global_rect(window.ui.statusbar))
    dock = window.ui.calculatorDock
    assert dock.isVisible() and LAPTOP.contains(global_rect(dock))
    # The whole calculator shows, its last buttons too, without scrolling.
    area = dock.widget()
    qtbot.waitUntil(lambda: area.viewport().height() >= window.calculator.sizeHint().height())
    for button in (window.calculator.copy_button, window.calculator.insert_button):
        assert global_rect(area.viewport()).contains(global_rect(button))
    # The page keeps the width of a section's form between the docks.
    assert window.ui.stack.width() >= 600


def test_on_a_laptop_screen_the_start_page_shows_each_period_on_one_line(qtbot, store,  # type: ignore[no-untyped-def]
                                                                        sample_report_id) -> None:
    from cchc_desktop.gui.main_window import MainWindow

    window = MainWindow(store, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.fit_to_screen(LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    table = window.start_page.table
    assert not table.wordWrap()
    header = table.horizontalHeader()
    labels = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert "6 tháng năm 2026" in labels
    # The widest label (the due period's is bold) fits its column, the table needs no scrolling.
    assert header.sectionSize(0) >= table.sizeHintForColumn(0)
    assert not table.horizontalScrollBar().isVisible()
    assert table.horizontalHeaderItem(1).toolTip() == "Ngày đầu của thời gian lấy số liệu"


def test_the_status_bar_period_shortens_with_its_whole_text_in_its_tool_tip(  # type: ignore[no-untyped-def]
        qtbot, window, sample_report_id) -> None:
    window.open_report(sample_report_id)
    label = window.ui.statusbar.period_label
    whole = label.text()
    assert "hạn gửi 20/03/2026" in whole
    assert label.minimumSizeHint().width() < 200, "it never holds the window wider than the screen"
    label.resize(label.sizeHint())
    assert not label.elided() and label.toolTip() == ""
    label.resize(150, label.height())
    assert label.elided() and label.shown_text().endswith("…")
    assert label.toolTip() == whole and label.text() == whole


def test_an_overview_page_leads_to_its_parts_by_wrapping_links(qtbot, window,  # type: ignore[no-untyped-def]
                                                               sample_report_id) -> None:
    from PySide6.QtWidgets import QLabel

    window.open_report(sample_report_id)
    window.show_page("kq")
    link = window.current_page().findChild(QLabel, "open:cds")
    assert link.wordWrap() and "6. Xây dựng và phát triển Chính quyền điện tử" in link.text()
    link.linkActivated.emit("cds")
    assert window.current_page().key == "cds"


def test_a_dock_too_short_for_the_calculator_scrolls_to_its_buttons(qtbot, store) -> None:
    window = make_window(qtbot, store)
    window.resize(1000, 480)
    QApplication.processEvents()
    area = window.ui.calculatorDock.widget()
    area.ensureWidgetVisible(window.calculator.insert_button)
    QApplication.processEvents()
    assert global_rect(area.viewport()).contains(global_rect(window.calculator.insert_button))


def test_the_window_made_fits_the_screen_it_opens_on(qtbot, store) -> None:
    window = make_window(qtbot, store)
    available = window.screen().availableGeometry()
    assert available.contains(window.geometry())
    assert available.contains(global_rect(window.ui.statusbar))


def test_the_geometry_is_remembered_and_used_again_only_if_it_fits(qtbot, store) -> None:
    available = QGuiApplication.primaryScreen().availableGeometry()
    window = make_window(qtbot, store)
    chosen = QRect(available.x() + 10, available.y() + 20, available.width() - 40,
                   available.height() - 60)
    window.setGeometry(chosen)
    QApplication.processEvents()
    window.close()
    assert window_geometry.remembered().rect == window.normalGeometry()

    again = make_window(qtbot, store)
    assert again.geometry() == window.normalGeometry()
    again.close()

    # Remembered on a larger monitor, now gone: the fitted geometry instead.
    QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "CCHC", "CCHC Desktop").setValue(
        window_geometry.GEOMETRY_KEY, [0, 0, available.width() + 600, available.height() + 300])
    third = make_window(qtbot, store)
    assert third.geometry() == fitted_geometry(third.screen().availableGeometry())


# ---------------------------------------------------------------------- starting a report

def _count_questions(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def question(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_start_button_starts_the_report_without_asking_again(qtbot, window, commune,
                                                                 monkeypatch) -> None:
    asked = _count_questions(monkeypatch)
    window.start_page.refresh()
    button = window.start_page.buttons["Q1"]
    assert button.text() == "Bắt đầu báo cáo"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.session is not None and window.session.report.period.key == "2026-Q1"
    assert asked == []   # the button said what it does: clicking it was the answer


def test_a_period_not_started_in_the_tree_asks_once(qtbot, window, commune, monkeypatch) -> None:
    asked = _count_questions(monkeypatch)
    window.refresh_navigation()
    tree = window.navigation
    item = next(tree.topLevelItem(1).child(0).child(i) for i in range(4)
                if "chưa bắt đầu" in tree.topLevelItem(1).child(0).child(i).text(0))
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(asked) == 1 and "Bắt đầu báo cáo này?" in asked[0]
    assert window.session is not None


# ---------------------------------------------------------------------- whole titles in the tree

def _cut_titles(tree) -> list[str]:  # type: ignore[no-untyped-def]
    """The items whose text, wrapped at words as the style draws it, does not fit the rect the
    tree gives it (the style would elide it with "...")."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTreeWidgetItemIterator

    cut = []
    iterator = QTreeWidgetItemIterator(tree)
    while (item := iterator.value()) is not None:
        iterator += 1
        index = tree.indexFromItem(item)
        rect = tree.visualRect(index)
        if not rect.isValid():   # a collapsed branch's child
            continue
        option = QStyleOptionViewItem()
        tree.initViewItemOption(option)
        tree.itemDelegate().initStyleOption(option, index)
        option.rect = rect
        style = tree.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
        text_rect = text_rect.adjusted(margin, 0, -margin, 0)
        needed = option.fontMetrics.boundingRect(text_rect, int(Qt.TextFlag.TextWordWrap), option.text)
        if needed.width() > text_rect.width() or needed.height() > text_rect.height():
            cut.append(option.text)
    return cut


def test_the_tree_shows_whole_titles_at_the_default_size(qtbot, window, sample_report_id) -> None:
    window.open_report(sample_report_id)
    tree = window.navigation
    tree.expandAll()
    QApplication.processEvents()
    long_title = tree.page_items["cddh"]
    assert long_title.text(0) == "I. Công tác chỉ đạo, điều hành cải cách hành chính"
    assert tree.visualItemRect(long_title).width() < tree.fontMetrics().horizontalAdvance(
        long_title.text(0))   # it would not fit on one line: it is wrapped, not cut
    assert _cut_titles(tree) == []


def test_the_titles_wrap_again_when_the_tree_is_made_narrower(qtbot, window, sample_report_id) -> None:
    window.open_report(sample_report_id)
    window.resize(1360, 760)
    tree = window.navigation
    item = tree.page_items["cddh"]
    window.resizeDocks([window.ui.navigationDock], [560], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: tree.visualItemRect(item).height() < 2 * tree.fontMetrics().height())
    assert _cut_titles(tree) == []
    window.resizeDocks([window.ui.navigationDock], [240], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: tree.visualItemRect(item).height() >= 2 * tree.fontMetrics().height())
    assert _cut_titles(tree) == []


# ---------------------------------------------------------------------- findings

def _row_of(panel, rule: str) -> int:  # type: ignore[no-untyped-def]
    return next(row for row in range(panel.list.count())
                if getattr(panel.list.item(row).data(Qt.ItemDataRole.UserRole), "rule", "") == rule)


def test_a_justified_warning_changes_its_icon_and_says_so(qtbot, window, new_report) -> None:
    from tests.gui.helpers import fill, type_text

    fill(qtbot, window, {"cddh.kiem_tra.ke_hoach": "3", "cddh.kiem_tra.da_kiem_tra": "5"})
    panel, tree = window.findings, window.navigation
    panel.list.setCurrentRow(0)
    warning = panel.current_finding()
    assert not warning.justified
    assert panel.list.item(0).icon().cacheKey() == panel.icons[warning.severity].cacheKey()
    assert tree.page_items["cddh"].icon(0).cacheKey() == tree.warning_icon.cacheKey()

    type_text(panel.note, "Kiểm tra đột xuất 02 bộ phận theo chỉ đạo của tỉnh.")
    item = panel.list.currentItem()
    assert panel.current_finding().justified
    assert item.icon().cacheKey() == panel.icons["justified"].cacheKey()
    assert item.icon().cacheKey() != panel.icons[warning.severity].cacheKey()
    assert item.text().startswith("Đã giải trình: ")
    # The section is no longer marked as having a warning to deal with.
    assert tree.page_items["cddh"].icon(0).cacheKey() == tree.file_icon.cacheKey()


def test_a_warning_about_the_narrative_is_justified_by_its_note_too(qtbot, window, new_report) -> None:
    from cchc_desktop.domain.rules import TEXT_INDICATOR_RULE
    from tests.gui.helpers import fill, type_text

    fill(qtbot, window, {"cddh.kh.tong": "66", "cddh.kh.hoan_thanh": "42",
                         "cddh.kh.dang_thuc_hien": "20", "cddh.kh.chua_thuc_hien": "4"})
    editor = window.current_page().narratives[0]
    editor.edit.setFocus()
    type_text(editor.edit, "Tỷ lệ hoàn thành kế hoạch đạt 70%.")
    panel = window.findings
    qtbot.waitUntil(lambda: any(f.rule == TEXT_INDICATOR_RULE for f in panel.findings()))
    panel.list.setCurrentRow(_row_of(panel, TEXT_INDICATOR_RULE))
    assert panel.note.isEnabled()
    type_text(panel.note, "Số liệu đến ngày 14/3; văn bản dùng số ước đến cuối quý.")
    finding = panel.current_finding()
    assert finding.rule == TEXT_INDICATOR_RULE and finding.justified
    assert panel.list.currentItem().icon().cacheKey() == panel.icons["justified"].cacheKey()
    # Marking final no longer lists it among the warnings without a justification.
    assert finding not in window.session.readiness().unjustified_warnings


def test_a_finding_leads_to_the_figure_it_names_first(qtbot, window, new_report) -> None:
    """Received 10, resolved 12: the finding names the records received first; the cursor goes
    to the received figure typed, not to "Rút hồ sơ, trả lại", the only typed figure it lists."""
    from tests.gui.helpers import fill

    fill(qtbot, window, {"tthc.hs.xa.moi_truc_tiep": "10", "tthc.hs.xa.da_giai_quyet.dung_han": "12"})
    panel = window.findings
    row = _row_of(panel, "tthc.hs.xa.tiep_nhan_bang_ket_qua")
    finding = panel.list.item(row).data(Qt.ItemDataRole.UserRole)
    assert finding.codes[0] == "tthc.hs.xa.tiep_nhan" and "tthc.hs.xa.rut_tra_lai" in finding.codes
    window.show_start()   # the clerk has moved on
    rect = panel.list.visualItemRect(panel.list.item(row))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    target = window.current_page().fields["tthc.hs.xa.moi_truc_tiep"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target.edit)

    # A rate above 100%: its numerator's typed figure holding a value, resolved on time.
    share = panel.list.item(_row_of(panel, "ty_le.vuot_100")).data(Qt.ItemDataRole.UserRole)
    window.report_pages.jump_to(share)
    target = window.current_page().fields["tthc.hs.xa.da_giai_quyet.dung_han"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target.edit)


# ---------------------------------------------------------------------- the guide

def test_the_guide_is_shipped_in_both_languages() -> None:
    from cchc_desktop.gui.guide_dialog import guide_path

    vietnamese, english = guide_path("vi"), guide_path("en")
    assert vietnamese.name == "huong-dan.vi.html" and english.name == "huong-dan.en.html"
    for path in (vietnamese, english):
        text = path.read_text(encoding="utf-8")
        # Every step of the first hour, each with its anchor in the contents.
        for anchor in ("don-vi", "bat-dau", "nhap-so-lieu", "phat-hien", "hoan-thanh", "xuat", "gui",
                       "ky-truoc", "tong-hop"):
            assert f'href="#{anchor}"' in text and f'name="{anchor}"' in text, (path.name, anchor)
    assert "Nhập kỳ trước" in vietnamese.read_text(encoding="utf-8")
    assert "Import previous period" in english.read_text(encoding="utf-8")
    assert guide_path("fr") == vietnamese   # a language without a guide gets the Vietnamese one


def test_f1_opens_the_guide_in_the_window(qtbot, window) -> None:
    from PySide6.QtGui import QKeySequence

    from cchc_desktop.gui.guide_dialog import GuideDialog

    action = window.ui.act_guide
    assert action in window.ui.menu_help.actions()
    assert action.text() == "Hướng dẫn sử dụng"
    assert action.shortcut() == QKeySequence("F1")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.guide
    assert isinstance(guide, GuideDialog) and guide.isVisible()
    assert guide.windowTitle() == "Hướng dẫn sử dụng CCHC Desktop" == guide.title
    assert "Bấm Bắt đầu báo cáo" in guide.browser.toPlainText()
    # The contents' links move within the guide.
    guide.browser.setSource(guide.browser.source().resolved("#phat-hien"))
    assert guide.browser.source().fragment() == "phat-hien"
    guide.close()


def test_the_guide_follows_the_interface_language(qtbot, window) -> None:
    from cchc_desktop.i18n import set_language

    set_language("en")
    window.ui.act_guide.trigger()
    assert window.guide.title == "CCHC Desktop user guide"
    assert "Start report" in window.guide.browser.toPlainText()
    set_language("vi")
    window.ui.act_guide.trigger()   # opened again: now in Vietnamese
    assert window.guide.title == "Hướng dẫn sử dụng CCHC Desktop"
    window.guide.close()
