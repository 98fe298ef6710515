#!/usr/bin/env python3
"""Checks an HTML report of yardstick (docs/html-report.md) the way a
reader's browser and an XML tool would see it: every element closed in
order, no address outside the page, one section per benchmark with its
charts, the flame graph links asked for, a complexity row per family
asked for and a ratio line per group member asked for. Prints each problem
and exits 1 when there is one.

Usage: check_html.py FILE [--names FILE] [--charts N] [--compared]
       [--profile NAME=HREF]... [--failed NAME]... [--skipped NAME]...
       [--complexity FAMILY]... [--ratio NAME]...
"""
import argparse
import html.parser
import re
import sys

VOID = {"meta", "br", "img", "input", "link", "hr", "wbr"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems = [], []
        self.sections = []  # dicts: name, svgs (aria labels), links, message
        self.rows, self.row_links = 0, []
        self.families = []  # first cells of the complexity table's rows
        self.in_h2 = self.in_tbody = False
        self.in_complexity = self.in_family_cell = self.in_latency = False
        self.in_targets = False
        self.cur_class = None

    def start(self, tag, attrs, closed):
        a = dict(attrs)
        for key, value in attrs:
            if key == "src":
                self.problems.append(f"<{tag}> loads {value}")
            if key == "href" and value is not None and (
                    re.match(r"^[a-z][a-z0-9+.-]*:", value) or value.startswith("//")):
                self.problems.append(f"<{tag}> links outside: {value}")
        if tag == "section" and "bench" in a.get("class", ""):
            self.sections.append({"id": a.get("id"), "name": "", "svgs": [],
                                  "links": [], "message": None})
        if tag == "h2":
            self.in_h2 = True
        # The complexity table is not the summary: its rows are families.
        if tag == "table":
            self.in_complexity = "complexity" in a.get("class", "").split()
            # A benchmark's latency table is not the summary either.
            self.in_latency = "latency" in a.get("class", "").split()
            # Nor is the target table: its rows are targets.
            self.in_targets = "targets" in a.get("class", "").split()
        if tag == "tbody":
            self.in_tbody = True
        if tag == "tr" and self.in_tbody and self.in_complexity:
            self.families.append("")
        if tag == "td" and self.in_complexity and self.in_tbody:
            self.in_family_cell = len(self.families) > 0 and not self.families[-1]
        if (tag == "tr" and self.in_tbody and not self.in_complexity
                and not self.in_latency and not self.in_targets):
            self.rows += 1
        if tag == "a" and self.in_tbody:
            self.row_links.append(a.get("href"))
        if self.sections and tag == "svg":
            if "viewbox" not in a or "width" in a:
                self.problems.append("an <svg> without viewBox, or of fixed width")
            self.sections[-1]["svgs"].append(a.get("aria-label"))
        if self.sections and tag == "a" and not self.in_tbody:
            self.sections[-1]["links"].append(a.get("href"))
        if tag == "p" and a.get("class") == "message" and self.sections:
            self.sections[-1]["message"] = ""
            self.cur_class = "message"
        if tag == "p" and a.get("class") == "ratio" and self.sections:
            self.sections[-1]["ratio"] = ""
            self.cur_class = "ratio"
        if not closed and tag not in VOID:
            self.stack.append(tag)

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self.start(tag, attrs, True)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(
                f"</{tag}> at line {self.getpos()[0]} closes "
                f"<{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()
        if tag == "h2":
            self.in_h2 = False
        if tag == "tbody":
            self.in_tbody = False
        if tag == "table":
            self.in_complexity = self.in_latency = False
        if tag == "td":
            self.in_family_cell = False
        if tag == "p":
            self.cur_class = None

    def handle_data(self, data):
        if self.in_h2 and self.sections:
            self.sections[-1]["name"] += data
        if self.cur_class in ("message", "ratio"):
            self.sections[-1][self.cur_class] += data
        if self.in_family_cell:
            self.families[-1] += data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--names")
    ap.add_argument("--charts", type=int, default=0)
    ap.add_argument("--compared", action="store_true")
    ap.add_argument("--profile", action="append", default=[])
    ap.add_argument("--failed", action="append", default=[])
    ap.add_argument("--skipped", action="append", default=[])
    ap.add_argument("--complexity", action="append", default=[])
    ap.add_argument("--ratio", action="append", default=[])
    args = ap.parse_args()
    text = open(args.file, encoding="utf-8").read()
    page = Page()
    page.feed(text)
    page.close()
    problems = list(page.problems)
    if page.stack:
        problems.append(f"left open: {page.stack}")
    for scheme in ("http://", "https://"):
        if scheme in text:
            problems.append(f"the page names an address: {scheme}")
    if not text.startswith("<!DOCTYPE html>"):
        problems.append("no <!DOCTYPE html>")

    by_name = {s["name"]: s for s in page.sections}
    if args.names:
        names = [n for n in open(args.names).read().splitlines() if n]
        got = [s["name"] for s in page.sections]
        if got != names:
            problems.append(f"sections {got} != benchmarks {names}")
        if page.rows != len(names):
            problems.append(f"{page.rows} table rows for {len(names)} benchmarks")
    ids = ["#" + s["id"] for s in page.sections]
    if page.row_links != ids:
        problems.append(f"table links {page.row_links} != sections {ids}")

    broken = set(args.failed) | set(args.skipped)
    for s in page.sections:
        if s["name"] in broken:
            continue
        if s["message"] is not None:
            problems.append(f"{s['name']}: unexpected message {s['message']!r}")
            continue
        if len(s["svgs"]) < args.charts:
            problems.append(f"{s['name']}: {len(s['svgs'])} charts, want {args.charts}")
        if args.compared and "baseline against this run" not in s["svgs"]:
            problems.append(f"{s['name']}: no baseline overlay")
    for status, names in (("failed", args.failed), ("skipped", args.skipped)):
        for n in names:
            s = by_name.get(n)
            if s is None or s["message"] is None or not s["message"].startswith(status):
                problems.append(f"{n}: no '{status}: ...' message")
            elif s["svgs"]:
                problems.append(f"{n}: charts for a {status} benchmark")

    for family in args.complexity:
        if family not in page.families:
            problems.append(f"no complexity row for {family} in {page.families}")
    for n in args.ratio:
        s = by_name.get(n)
        if s is None or not s.get("ratio", "").startswith("ratio: "):
            problems.append(f"{n}: no ratio line")

    want = dict(p.split("=", 1) for p in args.profile)
    for s in page.sections:
        links = [h for h in s["links"] if h and not h.startswith("#")]
        expected = [want[s["name"]]] if s["name"] in want else []
        if links != expected:
            problems.append(f"{s['name']}: links {links}, want {expected}")

    for p in problems:
        print(p)
    print(f"{args.file}: {len(page.sections)} sections, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
