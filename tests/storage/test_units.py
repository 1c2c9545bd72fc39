"""storage/units.py: the data file's own unit (with the settings its reports start from) and
the subordinate units it consolidates; a unit dropped from the list stays, inactive, so that
its past reports keep their unit.

Beside tests/storage/test_official_unit_codes.py (codes of older files) and
tests/storage/test_consolidations.py (the subordinates' submissions).
"""

from __future__ import annotations

import pytest
from factories import make_report

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.units import Unit
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from cchc_desktop.storage.units import unit_row

OWN = OwnUnit("xa-thu", "Ủy ban nhân dân xã Thử", "xa", kind="xa", parent="UBND tỉnh Thử",
              place="Thử", doc_symbol="BC-UBND", signer_authority="TM. ỦY BAN NHÂN DÂN",
              signer_title="CHỦ TỊCH", signer_name="Lê Văn A", superior_email="snv@thu.gov.vn")
HAMLETS = [Unit("thon-1", "Thôn Một", "thon", ""), Unit("thon-2", "Thôn Hai", "thon", "")]


def test_the_own_unit_and_its_settings_are_kept(store: ReportStore) -> None:
    assert store.own_unit() is None
    store.save_own_unit(OWN)
    reopened = ReportStore(Database.open(store.database.path))
    assert reopened.own_unit() == OWN
    assert OWN.unit == Unit("xa-thu", "Ủy ban nhân dân xã Thử", "xa", "UBND tỉnh Thử")
    store.save_own_unit(OwnUnit("xa-thu", "Ủy ban nhân dân xã Thử", "xa", signer_name="Trần B"))
    own = store.own_unit()
    assert own is not None and (own.signer_name, own.place, own.doc_symbol) == ("Trần B", "", "BC-UBND")
    assert store.unit_aliases() == {}


def test_an_official_code_picked_for_the_own_unit_keeps_the_old_one(store: ReportStore) -> None:
    store.save_own_unit(OwnUnit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa"))
    report_id = store.save_report(make_report(
        unit=Unit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa", "")))
    store.save_own_unit(OwnUnit("28066", "Ủy ban nhân dân xã Mỹ An", "xa", parent="Tây Ninh"))
    own = store.own_unit()
    assert own is not None and own.code == "28066"
    assert store.unit_aliases() == {"28066": ["xa-my-an"]}
    assert [s.unit_code for s in store.list_reports()] == ["28066"]
    assert store.load_report(report_id).unit.code == "28066", "the report follows its unit"


def test_subordinates_need_the_own_unit_first(store: ReportStore) -> None:
    with pytest.raises(KnownError) as caught:
        store.set_subordinate_units(HAMLETS)
    assert caught.value.message == "Hãy khai báo đơn vị của mình trước."
    assert store.subordinate_units(include_inactive=True) == []


def test_a_dropped_subordinate_stays_inactive_and_comes_back(store: ReportStore) -> None:
    store.save_own_unit(OWN)
    store.set_subordinate_units(HAMLETS)
    assert store.subordinate_units() == [
        Unit("thon-1", "Thôn Một", "thon", "Ủy ban nhân dân xã Thử"),
        Unit("thon-2", "Thôn Hai", "thon", "Ủy ban nhân dân xã Thử")]
    store.set_subordinate_units([Unit("thon-2", "Thôn Hai (mới)", "thon", "Xã Thử")])
    assert store.subordinate_units() == [Unit("thon-2", "Thôn Hai (mới)", "thon", "Xã Thử")]
    assert [u.code for u in store.subordinate_units(include_inactive=True)] == ["thon-1", "thon-2"]
    store.set_subordinate_units(HAMLETS)
    assert [u.code for u in store.subordinate_units()] == ["thon-1", "thon-2"]
    own = store.own_unit()
    assert own is not None and own.code == "xa-thu", "the own unit is never a subordinate"


def test_the_own_unit_is_refused_as_its_own_subordinate(store: ReportStore) -> None:
    store.save_own_unit(OWN)
    store.set_subordinate_units(HAMLETS[:1])
    with pytest.raises(KnownError) as caught:
        store.set_subordinate_units([*HAMLETS, Unit("xa-thu", "Thôn Ba", "thon", "")])
    assert caught.value.message == "Mã xa-thu đã là mã của Ủy ban nhân dân xã Thử trong tệp dữ liệu."
    assert store.own_unit() == OWN, "the own unit's name and level are not overwritten"
    assert [u.code for u in store.subordinate_units(include_inactive=True)] == ["thon-1"]


def test_a_reports_unit_is_added_once(store: ReportStore) -> None:
    with store.database.session() as session:
        first = unit_row(session, Unit("xa-khac", "Xã Khác", "xa", "Tỉnh Thử"))
        again = unit_row(session, Unit("xa-khac", "Tên khác", "xa", ""))
        assert first.id == again.id and (again.name, again.parent_name) == ("Xã Khác", "Tỉnh Thử")
    assert store.subordinate_units(include_inactive=True) == []
    assert store.own_unit() is None
