"""Finding documents in folders, reading them, and describing them with or without a manifest."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from graph.settings import Settings
from loaders.documents import Limits, SourceDocument, discover, read_document, read_documents, read_manifest
from loaders.sandbox import Budget
from ontology.errors import InputError

STORY = "Customs officers began checking magnet shipments at three ports.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_a_folder_yields_documents_and_passes_over_other_kinds(tmp_path: Path) -> None:
    story = write(tmp_path, "a-story.txt", STORY)
    notes = write(tmp_path, "sub/notes.md", "# Notes\n\nThe quota was cut.\n")
    data = write(tmp_path, "rates.json", '{"rate": 1}')
    code = write(tmp_path, "scrape.py", "print('hi')\n")
    write(tmp_path, ".hidden/draft.txt", STORY)

    files, skipped = discover([tmp_path])

    assert files == [story, notes]
    assert skipped == [data, code]


def test_the_manifest_is_never_read_as_a_document(tmp_path: Path) -> None:
    story = write(tmp_path, "story.txt", STORY)
    manifest = write(tmp_path, "manifest.txt", json.dumps({"file": "story.txt", "published": "2025-05-01"}))

    files, skipped = discover([tmp_path], manifest)

    assert (files, skipped) == ([story], [])


def test_a_missing_path_is_an_input_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nowhere: no such file or folder"):
        discover([tmp_path / "nowhere"])


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.md", b"  \n\n", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is binary"),
        ("latin1.txt", "Les mesures de contrôle".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_unusable_files_are_errors_naming_them_and_the_others_still_load(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = write(tmp_path, name, content)
    good = write(tmp_path, "zz-good.txt", STORY)

    results = dict(read_documents([bad, good]))

    assert isinstance(results[bad], InputError)
    assert str(bad) in results[bad].detail
    assert reason in results[bad].detail
    assert isinstance(results[good], SourceDocument)
    assert results[good].text == STORY


def test_without_a_manifest_date_and_title_come_from_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "Port Checks.txt", f"Logo 29 May 2025\n\n# Ports tighten magnet checks\n\n{STORY}")

    doc = read_document(path)

    assert doc.published == date(2025, 5, 29)
    assert doc.title == "Ports tighten magnet checks"
    assert re.fullmatch(r"document:port-checks-[0-9a-f]{8}", doc.id)
    assert doc.source == "Port Checks.txt"
    assert not doc.text.startswith("Logo")


def test_without_a_manifest_or_a_dateline_there_is_no_date(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "plain.txt", f"Ports tighten magnet checks\n\n{STORY}"))
    assert doc.published is None
    assert doc.title == "Ports tighten magnet checks"


def test_the_manifest_wins_over_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "story.txt", f"Logo 29 May 2025\n\nHeadline in the text\n\n{STORY}")
    row = {
        "file": "story.txt",
        "published": "2025-06-02",
        "title": "Headline in the manifest",
        "url": "https://x.test/a",
    }
    manifest = write(tmp_path, "manifest.jsonl", json.dumps(row) + "\n")

    [(file, doc)] = list(read_documents([path], manifest))

    assert file == path
    assert isinstance(doc, SourceDocument)
    assert (doc.published, doc.title, doc.source) == (date(2025, 6, 2), "Headline in the manifest", "https://x.test/a")


def test_a_bad_manifest_line_is_an_error_naming_the_line(tmp_path: Path) -> None:
    manifest = write(tmp_path, "manifest.jsonl", '{"file": "a.txt", "published": "2025-06-02"}\n{"published": "x"}\n')
    with pytest.raises(InputError, match=r"manifest.jsonl:2: "):
        read_manifest(manifest)


def test_the_seed_documents_read_with_their_manifest(seeds: Path) -> None:
    manifest = seeds / "manifest.jsonl"
    expected = {row["file"]: row["published"] for row in map(json.loads, manifest.read_text().splitlines())}
    files, skipped = discover([seeds], manifest)

    docs = [doc for _, doc in read_documents(files, manifest)]

    assert skipped == []
    assert all(isinstance(doc, SourceDocument) for doc in docs)
    assert {d.path.name: d.published.isoformat() for d in docs if d.published} == expected
    assert all(".png)" not in doc.text and doc.title for doc in docs)


def test_without_the_manifest_a_seed_dateline_still_dates_its_document(seeds: Path) -> None:
    files, _ = discover([seeds])
    dated = {file.name: doc.published for file, doc in read_documents(files) if isinstance(doc, SourceDocument)}
    assert dated["000_e6f62e15b6839976.txt"] == date(2025, 5, 29)


def test_two_files_of_one_name_are_two_documents_and_one_file_is_one_wherever_it_lies(tmp_path: Path) -> None:
    first = write(tmp_path, "a/report.txt", f"Ports tighten magnet checks\n\n{STORY}")
    other = write(tmp_path, "b/report.txt", "Smelters cut output\n\nThe smelting quota was cut by a fifth.\n")
    again = write(tmp_path, "copy/report.txt", first.read_text(encoding="utf-8"))

    ids = [read_document(path).id for path in (first, other, again)]

    assert ids[0] != ids[1]
    assert ids[0] == ids[2] == read_document(first).id
    assert all(i.startswith("document:report-") for i in ids)


def test_a_manifest_line_that_is_not_an_object_is_an_error_naming_the_line(tmp_path: Path) -> None:
    manifest = write(tmp_path, "manifest.jsonl", '{"file": "a.txt"}\n["a.txt", "2025-06-02"]\n')
    with pytest.raises(InputError, match=r"manifest.jsonl:2: not a manifest line .*a JSON list, not an object"):
        read_manifest(manifest)


def test_a_manifest_entry_for_a_missing_file_is_reported(tmp_path: Path) -> None:
    story = write(tmp_path, "story.txt", STORY)
    rows = [{"file": "story.txt"}, {"file": "gone.txt", "published": "2025-06-02"}]
    manifest = write(tmp_path, "manifest.jsonl", "".join(json.dumps(r) + "\n" for r in rows))

    results = list(read_documents([story], manifest))

    assert [file for file, _ in results] == [story, (tmp_path / "gone.txt").resolve()]
    assert isinstance(results[0][1], SourceDocument)
    missing = results[1][1]
    assert isinstance(missing, InputError)
    assert missing.detail == f"{(tmp_path / 'gone.txt').resolve()}: listed in {manifest}:2 but there is no such file"


def test_a_document_over_the_size_limits_is_refused_naming_the_limit(tmp_path: Path) -> None:
    long_text = write(tmp_path, "long.txt", STORY * 30)
    big_file = write(tmp_path, "big.html", b"<p>" + b"x" * 5_000 + b"</p>")
    limits = Limits(max_chars=1_000, max_bytes=4_000)

    results = dict(read_documents([long_text, big_file], limits=limits))

    assert results[long_text].detail == (
        f"{long_text}: the text is 1,950 characters, more than the limit of 1,000 (POLICYGRAPH_MAX_DOCUMENT_CHARS)"
    )
    assert results[big_file].detail == (
        f"{big_file}: the file is 5,007 bytes, more than the limit of 4,000 (POLICYGRAPH_MAX_FILE_BYTES)"
    )


def test_the_default_limits_are_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    limits = Limits.from_settings(
        Settings(max_document_chars=7, max_file_bytes=8, parse_timeout=9, parse_memory_mb=100)
    )
    assert (limits.max_chars, limits.max_bytes, limits.budget) == (7, 8, Budget(seconds=9, memory_bytes=100 * 2**20))
    assert Limits.from_settings(Settings()) == Limits()


HTML_PAGE = (
    "<html><head><title>Magnet checks</title></head><body><nav>Home | World</nav>"
    "<article><h1>Ports tighten magnet checks</h1>"
    "<p>Customs officers began checking magnet shipments at three ports on Monday, officials said.</p>"
    "<p>The checks follow the licence rule the commerce ministry announced in April for seven elements.</p>"
    "</article></body></html>"
)


def test_an_html_page_is_read_for_its_article_text(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "page.html", HTML_PAGE))
    assert "Customs officers began checking magnet shipments" in doc.text
    assert "Home | World" not in doc.text


def test_a_pdf_is_read_for_its_text(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "note.pdf", text_pdf("Customs officers began checking magnet shipments.")))
    assert doc.text.strip() == "Customs officers began checking magnet shipments."


def text_pdf(text: str) -> bytes:
    """A one-page PDF showing `text`, written by pypdf."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
