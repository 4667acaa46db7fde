"""Hostile text on the Review and Data pages, in a real browser.

The store holds one incident per payload (every text field the payload, half of them
candidates, each with a hostile note in its history).  The pages are opened, every
drop-down is unfolded, a hostile report is pasted for intake and a hostile place is
looked up: nothing may run (no dialog) and nothing may be fetched from outside, and
the text shown must be the text stored.  The recording harness is proven by
``test_hostile_browser.test_the_harness_sees_a_dialog_and_an_outside_request``.
"""

from __future__ import annotations

import pytest

from incidents.store import open_seeded_store
from tests.e2e.conftest import Server
from tests.support.hostile import (
    FORMULA_PAYLOADS,
    MARKDOWN_PAYLOADS,
    OUTSIDE,
    TEMPLATE_PAYLOADS,
    XSS_PAYLOADS,
    write_incidents,
)

PAYLOADS = XSS_PAYLOADS + TEMPLATE_PAYLOADS + FORMULA_PAYLOADS + MARKDOWN_PAYLOADS
BEACON = MARKDOWN_PAYLOADS[0]  # an image, if any Markdown renders it
SELECT = "[data-testid='stSelectbox']:visible"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-store")
    store = open_seeded_store(
        write_incidents(folder / "hostile.csv", PAYLOADS), str(folder / "incidents.sqlite")
    )
    stored = store.incidents()
    for number, row in enumerate(stored.itertuples()):
        if number % 2:
            store.review(
                row.incident_id,
                "candidate",
                int(row.version),
                editor=PAYLOADS[number],
                note=PAYLOADS[-1 - number],
            )
    server = Server(None, db=str(folder / "incidents.sqlite"))
    server.store = store
    yield server
    server.stop()


def _nothing_ran(page) -> None:
    page.page.wait_for_timeout(500)
    assert page.dialogs == [], f"a payload ran: {page.dialogs[:5]}"
    assert page.external == [], f"a payload requested {page.external[:5]}"
    outside = "img[src*='203.0.113.7'], a[href*='203.0.113.7'], iframe[src*='203.0.113.7']"
    assert sum(frame.locator(outside).count() for frame in page.page.frames) == 0


def _unfold_every_dropdown(page) -> list[str]:
    """Open each select box on the page; the options it lists."""
    options = []
    boxes = page.page.locator(SELECT)
    for i in range(boxes.count()):
        boxes.nth(i).get_by_role("button", name="Open").click()
        listed = page.page.locator("[role='option']")
        listed.first.wait_for(timeout=5_000)
        options += listed.all_inner_texts()
        page.page.keyboard.press("Escape")
    return options


def test_review_page_shows_hostile_candidates_and_a_hostile_report_as_text(page, hostile_store):
    page.page.goto(hostile_store.url + "review")
    page.page.get_by_text("candidates awaiting review").first.wait_for(timeout=45_000)
    waiting = hostile_store.store.incidents(statuses=("candidate",))
    heading = page.page.locator("h3").filter(has_text="Candidate").first.inner_text()
    assert heading.replace("\u2060", "") in {f"Candidate {i}" for i in waiting["incident_id"]}
    page.page.get_by_text("Paste a news report").click()
    report = (
        "A suicide bomber killed 12 people at a mosque in Peshawar on Friday, police "
        "said. The Islamic State claimed the attack. " + " ".join(PAYLOADS)
    )
    page.page.get_by_label("Report text").fill(report)
    page.page.keyboard.press("Control+Enter")
    marked = page.page.frame_locator("iframe[title*='marked']").locator("body")
    marked.locator("mark").first.wait_for(timeout=30_000)
    assert marked.inner_text().replace("\n", " ").endswith(PAYLOADS[-1])
    assert marked.locator("img, svg, iframe, details, video, input, a").count() == 0
    _nothing_ran(page)


def test_data_page_lists_edits_and_looks_up_hostile_text_as_typed(page, hostile_store):
    page.page.goto(hostile_store.url + "data")
    # A place that is not in the gazetteer, placed at its province: the option names it.
    page.page.get_by_label("Look up a place").fill(BEACON)
    page.page.get_by_label("Province", exact=True).first.fill("Kabul")
    page.page.keyboard.press("Enter")
    option = page.page.locator("[role='radiogroup']").filter(has_text="placed at its province")
    option.wait_for(timeout=20_000)
    assert BEACON in option.inner_text().replace("\u2060", ""), "the typed place, as typed"
    page.page.get_by_role("tab", name="Edit and history").click()
    page.page.locator(SELECT).first.wait_for(timeout=20_000)
    assert _unfold_every_dropdown(page), "the incident list opens"
    stored = hostile_store.store.incidents(statuses=("confirmed", "candidate"))
    box = page.page.locator(SELECT).first.get_by_role("combobox")
    for number in (4, 12, len(XSS_PAYLOADS), len(PAYLOADS) - 4):
        row = stored[stored["incident_id"].str.startswith(f"H{number} ")].iloc[0]
        box.fill(row["incident_id"])  # the list's search is fuzzy: the label is among those shown
        page.page.get_by_role("option").first.wait_for(timeout=5_000)
        label = (
            f"{row['incident_id']} · {row['date']:%Y-%m-%d} · {row['actor']} · {row['location']}"
        )
        assert label in page.page.get_by_role("option").all_inner_texts()
    option = page.page.get_by_role("option").filter(has_text=row["incident_id"]).first
    option.click()  # the last one: its form and its history (a hostile editor and note)
    page.page.get_by_role("heading", name="History").wait_for(timeout=20_000)
    assert page.page.get_by_label("Primary actor").last.input_value() == row["actor"]
    page.page.get_by_role("tab", name="Table").click()
    page.page.get_by_label("Only rows containing").fill(MARKDOWN_PAYLOADS[1])
    page.page.keyboard.press("Enter")
    page.page.get_by_text("rows (at most").first.wait_for(timeout=20_000)
    _nothing_ran(page)
    assert OUTSIDE not in "".join(page.external)
