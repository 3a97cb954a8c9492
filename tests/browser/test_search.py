"""Search as a reader uses it: the query table (search_queries.py) typed into the box in each edition, the
first result where it must be, results only from the reader's edition, the keyboard, and the searched words
marked on the page a result opens."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import pytest
from lxml import html

from tests.browser.search_queries import EN, ZH

EDITIONS = {"": ZH, "en/": EN}


def open_search(page, url: str) -> None:
    page.goto(url)
    page.locator(".site-search__open").click()
    page.wait_for_function("() => !document.querySelector('.site-search__status').textContent")  # loaded


def results(page, query: str) -> list[str]:
    """Put `query` in the box (one input event: the search waits for typing to pause anyway) and read the
    results' addresses once they answer it."""
    page.locator(".site-search__input").fill(query)
    page.wait_for_function("q => document.querySelector('.site-search__results').dataset.query === q", arg=query)
    return page.locator(".site-search__results a").evaluate_all("links => links.map(a => a.href)")


# Every query of a table in one visit to the page: each put in the box as `results` does (one input event),
# its answer awaited, its time taken; a round trip per query would be most of the test's time.
ANSWER_ALL = """async (queries) => {
  const box = document.querySelector('.site-search__input');
  const list = document.querySelector('.site-search__results');
  const answers = [];
  for (const query of queries) {
    const started = performance.now();
    box.value = query;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    while (list.dataset.query !== query) await new Promise(resolve => setTimeout(resolve, 5));
    answers.push({hrefs: Array.from(list.querySelectorAll('a'), a => a.href), ms: performance.now() - started});
  }
  return answers;
}"""


@functools.cache
def article_text(page_folder: Path) -> str:
    article = html.parse(str(page_folder / "index.html")).getroot().cssselect("article")[0]
    return unicodedata.normalize("NFKC", article.text_content()).lower()


def where(href: str, edition_root: str) -> str:
    """A result's address as the table writes it: relative to the edition, without the ?h= marking."""
    path, _, fragment = href.removeprefix(edition_root).partition("#")
    return path.split("?")[0] + (f"#{fragment}" if fragment else "")


@pytest.mark.parametrize("prefix", EDITIONS, ids=["zh", "en"])
def test_every_query_of_the_table_leads_first_where_it_must(page, site_url, built_site, prefix):
    root = site_url + prefix
    open_search(page, root + "chapters/opening/")
    wrong, slow = [], []
    table = EDITIONS[prefix]
    answers = page.evaluate(ANSWER_ALL, [query for query, _, _ in table])
    for (query, expected, marked), answer in zip(table, answers, strict=True):
        found = answer["hrefs"]
        slow += [query] if answer["ms"] > 500 else []  # the pause for typing included; the search itself is ms
        if not found or (where(found[0], root) != expected and not (
                "#" not in expected and where(found[0], root).split("#")[0] == expected)):
            wrong.append((query, expected, [where(h, root) for h in found[:3]]))
            continue
        assert all(h.startswith(root) and (prefix == "en/") == h.startswith(site_url + "en/") for h in found), query
        assert "?h=" in found[0], query
        # The page it opens holds the words to mark, as the page shows them (checked on the built file).
        assert unicodedata.normalize("NFKC", marked).lower() in article_text(built_site.site_dir / prefix /
                                                                             expected.split("#")[0]), (query, marked)
    assert wrong == [] and slow == []
    assert page.console_errors == []


@pytest.mark.parametrize("prefix, query, marked", [("", "马化腾", "马化腾"), ("", "1.14亿", "1.14亿"),
                                                   ("en/", "Pony Ma", "Pony"), ("en/", "114 million", "114")])
def test_a_result_opens_its_section_with_the_searched_words_marked(page, site_url, prefix, query, marked):
    open_search(page, site_url + prefix + "chapters/why-tencent/")
    results(page, query)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in the box follows the first result
    hits = page.locator("article mark.search-hit").all_inner_texts()
    assert hits and any(marked.lower() in hit.lower() for hit in hits), hits
    assert "?h=" in page.url


def test_the_keyboard_opens_moves_through_and_closes_search(page, site_url):
    page.goto(site_url + "chapters/opening/")
    page.keyboard.press("/")
    box = page.locator(".site-search__input")
    assert page.locator("dialog.site-search").evaluate("d => d.open")
    assert box.evaluate("b => b === document.activeElement")
    page.wait_for_function("() => !document.querySelector('.site-search__status').textContent")
    results(page, "元宝派")
    page.keyboard.press("ArrowDown")
    first = page.locator(".site-search__results a").first
    assert first.evaluate("a => a === document.activeElement")
    page.keyboard.press("ArrowUp")
    assert box.evaluate("b => b === document.activeElement")
    page.keyboard.press("Escape")
    assert not page.locator("dialog.site-search").evaluate("d => d.open")


def test_a_query_in_the_other_language_stays_in_this_edition_and_says_how_many(page, site_url):
    open_search(page, site_url + "en/")
    found = results(page, "红包大战")  # the English pages quote it: found there, never on a Chinese page
    assert found and all(h.startswith(site_url + "en/") for h in found)
    assert page.locator(".site-search__status").inner_text() == f"{len(found)} results"
    results(page, "qwertyuiop")
    assert page.locator(".site-search__status").inner_text().startswith("Nothing found")


def test_nothing_is_fetched_for_search_until_it_is_opened(page, site_url):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "chapters/opening/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "search" in url]
    page.locator(".site-search__open").click()
    page.wait_for_function("() => !document.querySelector('.site-search__status').textContent")
    assert [url for url in fetched if url.endswith("/search-index.json")] == [site_url + "search-index.json"]
