"""``newsdesk stories``, ``story`` and ``timeline``: the same story across outlets and over time.

Thin over the store: :meth:`~newsdesk.store.stories.StoryQueries.stories` lists stories,
:func:`~newsdesk.store.timelines.story_coverage` gives one story's outlets, copies, timeline and quotes, and
:func:`~newsdesk.store.timelines.query_timeline` the timeline of a full-text query.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from newsdesk.cli.common import EXIT_OK, EXIT_SOME_FAILED, add_db_option, non_negative_int, positive_int, say
from newsdesk.store import Filters, open_store, sqlite_store
from newsdesk.store.timelines import StoryCoverage, query_timeline, story_coverage

#: Most dates and sentences a timeline may be asked for.
MAX_DATES = 100
MAX_SENTENCES = 10


def _day(value: str | None) -> str:
    return (value or "")[:16].replace("T", " ") or "undated"


def run_stories(args: argparse.Namespace) -> int:
    """Stories seen since a date, with at least so many outlets, ranked by outlets or by recency."""
    with open_store(args.db, read_only=True) as store:
        stories = sqlite_store(store, "stories").stories(since=args.since, min_outlets=args.min_outlets,
                                                         limit=args.limit, rank=args.rank, offset=args.offset)
    if args.format == "json":
        for story in stories:
            print(json.dumps(story.to_dict(), ensure_ascii=False))
        return EXIT_OK
    for story in stories:
        outlets = len(story.outlets)
        print(f"{story.id:>7}  {_day(story.last_seen):<16}  {outlets:>3} outlet{'s' if outlets != 1 else ' '}  "
              f"{story.articles:>4} art.  {story.title or 'Untitled story'}")
    if not stories:
        say("newsdesk: no stories match (stories are made at ingest by the connect stage)")
    return EXIT_OK


def _print_timeline(lines: list[tuple[str, list[str]]]) -> None:
    for day, said in lines:
        print(f"  {day}  {said[0] if said else ''}")
        for sentence in said[1:]:
            print(f"  {'':<10}  {sentence}")


def print_coverage(cover: StoryCoverage) -> None:
    """A story for people: outlets and when each published, copies, timeline, who said what."""
    story = cover.detail.story
    print(f"story {story.id}: {story.title or 'Untitled story'}")
    print(f"{story.articles} article{'s' if story.articles != 1 else ''} from {len(story.outlets)} "
          f"outlet{'s' if len(story.outlets) != 1 else ''}, {_day(story.first_seen)} to {_day(story.last_seen)}")
    if story.continues:
        print(f"continues story {story.continues}")
    if cover.detail.continued_by:
        print(f"continued by {', '.join(f'story {i}' for i in cover.detail.continued_by)}")
    print("\nCoverage (first publication per outlet)")
    for outlet, published in cover.detail.outlets:
        print(f"  {_day(published):<16}  {outlet}")
    print("\nArticles")
    for member in cover.detail.members:
        print(f"  {member.article_id:>7}  {_day(member.published_utc):<16}  {(member.host or '')[:28]:<28}  "
              f"{member.headline or 'Untitled article'}")
    for group in cover.copy_groups:
        head = group.members[0]
        print(f"\nOriginal {head.article_id} ({head.host or head.url}) and {len(group.members) - 1} "
              f"cop{'ies' if len(group.members) > 2 else 'y'}")
        for copy in group.members[1:]:
            made = f"copied from {copy.parent_id}" if copy.parent_id else ""
            share = f", {copy.containment:.0%} of it there" if copy.containment is not None else ""
            ref = copy.article_id if copy.article_id is not None else "exact"
            print(f"  {ref!s:>7}  {_day(copy.published):<16}  {(copy.host or copy.url)[:28]:<28}  "
                  f"{copy.kind}, {made}{share}")
    if cover.timeline:
        print("\nTimeline")
        _print_timeline(cover.timeline)
    if cover.quotes:
        print("\nWho said what")
        for speaker, said in cover.quotes:
            role = f", {said[0].speaker_role}" if said[0].speaker_role else ""
            print(f"  {speaker or '(unattributed)'}{role}")
            for quote in said:
                print(f"    “{' '.join(quote.text.split())}” ({quote.site_name or quote.url or ''}, "
                      f"{_day(quote.published)[:10]}, article {quote.article_id})")


def run_story(args: argparse.Namespace) -> int:
    """One story: its outlets and when each published, the original and its copies, timeline, quotes."""
    with open_store(args.db, read_only=True) as store:
        cover = story_coverage(sqlite_store(store, "stories"), args.id, max_dates=args.max_dates,
                               sentences=args.sentences)
    if cover is None:
        say(f"newsdesk: story {args.id}: no such story in the store")
        return EXIT_SOME_FAILED
    if args.format == "json":
        print(json.dumps(cover.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_coverage(cover)
    return EXIT_OK


def run_timeline(args: argparse.Namespace) -> int:
    """The key dates of the articles a query finds, and what happened on each."""
    query = " ".join(args.query).strip()
    with open_store(args.db, read_only=True) as store:
        lines = query_timeline(store, query, filters=Filters(since=args.since, until=args.until),
                               max_dates=args.max_dates, sentences=args.sentences, articles=args.articles)
    if args.format == "json":
        print(json.dumps({"query": query, "timeline": [{"date": d, "sentences": s} for d, s in lines]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_timeline(lines)
    if not lines:
        say(f"newsdesk: no dated events found for {query!r}")
    return EXIT_OK


def _bounded(most: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = positive_int(text)
        if value > most:
            raise argparse.ArgumentTypeError(f"must be at most {most}, not {text!r}")
        return value
    return parse


def _add_timeline_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-dates", type=_bounded(MAX_DATES), default=10,
                        help=f"dates in the timeline (default 10, at most {MAX_DATES})")
    parser.add_argument("--sentences", type=_bounded(MAX_SENTENCES), default=1,
                        help=f"sentences per date (default 1, at most {MAX_SENTENCES})")


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``stories``, ``story`` and ``timeline``.

    >>> parser = argparse.ArgumentParser()
    >>> add_parsers(parser.add_subparsers())
    >>> args = parser.parse_args(["stories", "--min-outlets", "3"])
    >>> args.min_outlets, args.rank
    (3, 'top')
    >>> parser.parse_args(["timeline", "iraq", "coalition", "--max-dates", "5"]).max_dates
    5
    """
    stories = commands.add_parser("stories", help="stories across outlets, the most covered first",
                                  description="Stories: articles about one event across outlets and over time, "
                                              "grouped at ingest. Ranked by outlets, then articles, then recency "
                                              "(--rank top), or last seen first (--rank recent).")
    add_db_option(stories)
    stories.add_argument("--since", help="last seen on or after this date (YYYY-MM-DD or ISO 8601)")
    stories.add_argument("--min-outlets", type=positive_int, default=1, help="at least this many outlets")
    stories.add_argument("--rank", choices=("top", "recent"), default="top")
    stories.add_argument("--limit", type=positive_int, default=20, help="how many (default 20)")
    stories.add_argument("--offset", type=non_negative_int, default=0, help="skip this many")
    stories.add_argument("--format", choices=("table", "json"), default="table")
    stories.set_defaults(handler=run_stories)

    story = commands.add_parser("story", help="one story: outlets, copies, timeline, who said what",
                                description="One story: which outlets covered it and when each first published, "
                                            "its articles, the original and copies of each copy group, its "
                                            "timeline, and who said what across it.")
    story.add_argument("id", type=positive_int, metavar="ID")
    add_db_option(story)
    _add_timeline_options(story)
    story.add_argument("--format", choices=("text", "json"), default="text")
    story.set_defaults(handler=run_story)

    timeline = commands.add_parser("timeline", help="key dates of a query's articles and what happened",
                                   description="A dated list of key events among the articles matching the query "
                                               "(full-text search), one or more sentences each.")
    timeline.add_argument("query", nargs="+", help="words to search for")
    add_db_option(timeline)
    timeline.add_argument("--since", help="articles published on or after this date")
    timeline.add_argument("--until", help="articles published on or before this date")
    timeline.add_argument("--articles", type=_bounded(1000), default=200,
                          help="best matching articles read (default 200, at most 1000)")
    _add_timeline_options(timeline)
    timeline.add_argument("--format", choices=("text", "json"), default="text")
    timeline.set_defaults(handler=run_timeline)
