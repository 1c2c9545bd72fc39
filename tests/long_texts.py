"""Very long narratives for the tests and benchmarks of long text (not a real report's wording)."""

from __future__ import annotations

LAST_WORDS = "Kết thúc phần đánh giá chung của kỳ báo cáo."

_SENTENCES = (
    "Ủy ban nhân dân xã tiếp tục triển khai Kế hoạch số 20/KH-UBND ngày 06/01/2026 về cải "
    "cách hành chính, gắn với nhiệm vụ phát triển kinh tế - xã hội của địa phương. ",
    "Bộ phận Một cửa tiếp nhận 1.557 hồ sơ, đã giải quyết 1.421/1.428 hồ sơ, đạt 99,51%; "
    "số hồ sơ trực tuyến là 509, chiếm 35,6% tổng số hồ sơ. ",
    "Thực hiện Công văn số 15/UBND-VP ngày 10/02/2026 về kiểm tra công vụ, các tồn tại sau "
    "kiểm tra được theo dõi, khắc phục đúng thời hạn. ",
    "Việc ứng dụng công nghệ thông tin tiếp tục được đẩy mạnh, tỷ lệ văn bản điện tử đạt 98% "
    "và văn bản ký số duy trì ở mức cao. ",
)


def long_narrative(length: int) -> str:
    """A narrative of exactly `length` characters that ends with LAST_WORDS.

    Its worst parts come round every ten pieces: a run of 10,000 characters without a
    space, a paragraph of about 30,000 characters with a citation (a footnote marker) in
    every sentence, bullets citing a document of their own, and ordinary paragraphs with
    fractions and percentages.
    """
    parts: list[str] = []
    size = 0
    index = 0
    while size < length:
        kind = index % 10
        if kind == 0:
            part = "\n\n" + "Đ" * 10_000 + "\n\n"
        elif kind == 1:
            part = "".join(_SENTENCES[(index + j) % 4] for j in range(200)) + "\n\n"
        elif kind == 2:
            part = (f"- Triển khai Quyết định số {index}/QĐ-UBND ngày 01/03/2026; "
                    + _SENTENCES[1] + "\n+ " + _SENTENCES[3] + "\n")
        else:
            part = _SENTENCES[index % 4] + ("\n\n" if index % 3 == 0 else "")
        parts.append(part)
        size += len(part)
        index += 1
    body = "".join(parts)[:length - len(LAST_WORDS) - 1]
    body = body[:body.rfind(" ")].rstrip() + "."
    return body + " " * (length - len(body) - len(LAST_WORDS)) + LAST_WORDS


def one_paragraph(length: int) -> str:
    """A narrative of exactly `length` characters in one paragraph: no line break at all."""
    sentences = "".join(_SENTENCES)
    body = (sentences * (length // len(sentences) + 1))[:length - len(LAST_WORDS) - 1]
    body = body[:body.rfind(" ")].rstrip() + "."
    return body + " " * (length - len(body) - len(LAST_WORDS)) + LAST_WORDS
