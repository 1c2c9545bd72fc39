"""domain/errors.py: errors the clerk can act on carry their sentence as `message`.

Each kind (a template, a report, a PAR-index criteria file) is a KnownError, which the
window and the command line show as it is; tests/gui/test_errors.py shows how the window
presents one.
"""

from __future__ import annotations

import pytest

from cchc_desktop.domain.errors import CriteriaError, KnownError, ReportError, TemplateError


@pytest.mark.parametrize("kind", [KnownError, TemplateError, ReportError, CriteriaError])
def test_the_message_is_the_sentence_given(kind: type[KnownError]) -> None:
    error = kind("Tệp bao-cao.xlsx bị hỏng: không đọc được phần dữ liệu.")
    assert error.message == "Tệp bao-cao.xlsx bị hỏng: không đọc được phần dữ liệu."
    assert str(error) == error.message and error.args == (error.message,)


def test_each_kind_is_caught_as_a_known_error_and_not_as_another_kind() -> None:
    with pytest.raises(KnownError) as caught:
        raise TemplateError("Mẫu báo cáo v1.yaml không hợp lệ")
    assert not isinstance(caught.value, ReportError | CriteriaError)
    assert issubclass(KnownError, Exception) and not issubclass(KnownError, ValueError)
