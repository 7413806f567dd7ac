"""The ``wirecoder`` command line: a thin layer over :mod:`wirecoder.api` and the store."""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .config import DEFAULT_COMPONENTS, Settings
from .errors import ErrorCode, WirecoderError

__all__ = ["main"]

DEFAULT_DB = "wirecoder.db"


def _console() -> Console:
    return Console(stderr=False, highlight=False)


def _err_console() -> Console:
    return Console(stderr=True, highlight=False)


def _parse_date(_ctx: Any, _param: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(ErrorCode.W404.format(value=value)) from None


def _settings(components: str | None, batch_size: int | None, n_process: int | None) -> Settings:
    changes: dict[str, Any] = {}
    if components:
        changes["components"] = tuple(c.strip() for c in components.split(",") if c.strip())
    if batch_size:
        changes["batch_size"] = batch_size
    if n_process:
        changes["n_process"] = n_process
    return dataclasses.replace(Settings(), **changes)


def pipeline_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that runs the pipeline."""

    @click.option(
        "--components",
        help="Comma-separated pipeline components, in order "
        f"(default: {','.join(DEFAULT_COMPONENTS)}).",
    )
    @click.option("--batch-size", type=int, help="Documents per batch (default 32).")
    @click.option("--n-process", type=int, help="Worker processes for parsing (default 1).")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        default=DEFAULT_DB,
        envvar="WIRECODER_DB",
        show_default=True,
        help="SQLite file or database URL (postgresql+psycopg://...). Env: WIRECODER_DB.",
    )(func)


#: --format of the commands that list rows: a table to read, JSON Lines or CSV for other tools
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for reading, json (JSON Lines) or csv for other tools.",
)


def _fail(exc: WirecoderError) -> None:
    _err_console().print(f"[red]error:[/] {exc}")
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wirecoder")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
def main(verbose: int) -> None:
    """wirecoder: news reports about conflict and security in, a sourced event database out.

    Typical use: `wirecoder ingest FOLDER --db events.db`, then `wirecoder events --db events.db`.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


# --- ingest -----------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--source", help="Outlet name for documents that do not name one.")
@click.option(
    "--published",
    callback=_parse_date,
    help="Publication date (YYYY-MM-DD) for documents that have none.",
)
@click.option(
    "--text-field", help="Field holding the text in JSON/JSONL/CSV (default: text, body ...)."
)
@click.option("--title-field", help="Field holding the title.")
@click.option("--date-field", help="Field holding the publication date.")
@click.option("--url-field", help="Field holding the URL.")
@click.option("--source-field", help="Field holding the outlet name.")
@click.option("--id-field", help="Field holding the record id.")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any document failed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@pipeline_options
def ingest(
    paths: tuple[str, ...],
    db: str,
    source: str | None,
    published: date | None,
    text_field: str | None,
    title_field: str | None,
    date_field: str | None,
    url_field: str | None,
    source_field: str | None,
    id_field: str | None,
    strict: bool,
    quiet: bool,
    components: str | None,
    batch_size: int | None,
    n_process: int | None,
) -> None:
    """Read files, folders (recursively), feeds or WARC archives; code and store every document.

    Formats: .txt, .html/.htm, .jsonl/.json/.csv/.tsv, RSS/Atom (a file or an http(s) URL),
    .warc/.warc.gz. Re-ingesting the same articles adds nothing; changed articles are re-coded;
    a killed run can simply be run again. Failures are recorded per document and the run goes
    on (see `wirecoder failures`).
    """
    from .api import Extractor
    from .api import ingest as run_ingest
    from .ingest import FieldMap
    from .store import open_store

    fields = FieldMap.from_options(
        text=text_field,
        title=title_field,
        published=date_field,
        url=url_field,
        source=source_field,
        id=id_field,
    )
    settings = _settings(components, batch_size, n_process)
    console = _console()
    try:
        store = open_store(db)
        with _progress(quiet) as progress:
            task = progress.add_task("loading model", total=None)
            extractor = Extractor(settings)
            progress.update(task, description="coding documents")

            def on_progress(seen: int, failed: int) -> None:
                progress.update(task, completed=seen, description=f"coded ({failed} failed)")

            report = run_ingest(
                paths,
                store=store,
                settings=settings,
                fields=fields,
                source=source,
                published=published,
                extractor=extractor,
                on_progress=on_progress,
            )
        if not quiet:
            from .render import print_summary

            print_summary(console, store.stats(), db=db, report=report)
        store.close()
    except WirecoderError as exc:
        _fail(exc)
    if strict and report.failures:
        sys.exit(1)


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TimeElapsedColumn(),
        console=_err_console(),
        disable=quiet,
        transient=True,
    )


# --- extract ----------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_parse_date, help="Publication date (YYYY-MM-DD).")
@click.option("--source", help="Outlet name.")
@click.option("--title", help="Title (for text from stdin).")
@click.option("--text-field", help="Field holding the text in JSON/JSONL/CSV.")
@click.option("--pretty", is_flag=True, help="Indent the JSON (one object per document still).")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any document failed.")
@pipeline_options
def extract(
    paths: tuple[str, ...],
    published: date | None,
    source: str | None,
    title: str | None,
    text_field: str | None,
    pretty: bool,
    strict: bool,
    components: str | None,
    batch_size: int | None,
    n_process: int | None,
) -> None:
    """Print the JSON document record of each document in PATHS (`-` reads stdin).

    One JSON object per document (JSON Lines), as described by the JSON Schema in
    `src/wirecoder/schema/document_record.schema.json`. Failed documents are reported on
    stderr with their error code.
    """
    from .api import Extractor
    from .ingest import FieldMap, iter_sources
    from .records import Article, DocError, to_dict

    settings = _settings(components, batch_size, n_process)
    fields = FieldMap.from_options(text=text_field)
    items = list(
        iter_sources(paths, fields=fields, settings=settings, source=source, published=published)
    )
    articles = [x for x in items if isinstance(x, Article)]
    origins = {a.origin for a in articles}
    errors = [x for x in items if isinstance(x, DocError)]
    failures = [e for e in errors if e.origin not in origins]
    for err in failures:
        _err_console().print(f"[red]failed:[/] {err.message}")
    if title and len(articles) == 1 and not articles[0].title:
        articles[0].title = title
    extractor = Extractor(settings)
    for record in extractor.extract_articles(articles):
        record.errors[:0] = [e for e in errors if e.origin == record.origin]
        click.echo(json.dumps(to_dict(record), ensure_ascii=False, indent=2 if pretty else None))
    if strict and failures:
        sys.exit(1)


# --- querying ---------------------------------------------------------------------------------


@main.command()
@db_option
@click.option(
    "--type", "types", multiple=True, help="PLOVER event type (repeatable), e.g. ASSAULT."
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="Status (repeatable): asserted, reported, denied ...",
)
@click.option("--actor", help="Actor or recipient name contains this (case-insensitive).")
@click.option("--country", help="ISO 3166-1 alpha-3 code of the event's place or of an actor.")
@click.option("--sector", help="PLOVER sector code of an actor or recipient (MIL, REB, GOV ...).")
@click.option(
    "--since", callback=_parse_date, help="Events whose date interval ends on or after this day."
)
@click.option(
    "--until", callback=_parse_date, help="Events whose date interval starts on or before this day."
)
@click.option("--doc", "doc_id", help="Only events of this document (id or id prefix).")
@click.option("--bbox", help="min_lon,min_lat,max_lon,max_lat: events located inside this box.")
@click.option(
    "--near",
    help="A place name (the gazetteer's best match, printed) or LAT,LON: events located "
    "within --radius-km of it.",
)
@click.option(
    "--radius-km",
    type=float,
    default=50.0,
    show_default=True,
    help="Radius of --near, in kilometres.",
)
@click.option(
    "--min-confidence",
    type=float,
    default=0.0,
    show_default=True,
    help="Only events at least this confident (0..1).",
)
@click.option(
    "--no-near-duplicates",
    is_flag=True,
    help="Leave out events of documents that are near-copies of another (syndicated wire copy).",
)
@click.option("--limit", type=int, help="At most this many events.")
@format_option
def events(
    db: str,
    types: tuple[str, ...],
    statuses: tuple[str, ...],
    actor: str | None,
    country: str | None,
    sector: str | None,
    since: date | None,
    until: date | None,
    doc_id: str | None,
    bbox: str | None,
    near: str | None,
    radius_km: float,
    min_confidence: float,
    no_near_duplicates: bool,
    limit: int | None,
    fmt: str,
) -> None:
    """List stored events, filtered. Date filters are interval-aware: an event dated
    "March 2021" matches --since 2021-03-10 --until 2021-03-10."""
    from .render import events_csv, events_json, events_table
    from .store import EventQuery, open_store

    box = None
    if bbox:
        try:
            a, b, c, d = (float(x) for x in bbox.split(","))
        except ValueError:
            raise click.BadParameter(
                "use min_lon,min_lat,max_lon,max_lat", param_hint="--bbox"
            ) from None
        box = (a, b, c, d)
    centre = _near_point(near) if near else None
    query = EventQuery(
        types=types,
        statuses=statuses,
        actor=actor,
        country=country,
        sector=sector,
        since=since,
        until=until,
        doc_id=doc_id,
        bbox=box,
        near=(*centre, radius_km) if centre else None,
        min_confidence=min_confidence,
        skip_near_duplicates=no_near_duplicates,
        limit=limit,
    )
    try:
        with open_store(db) as store:
            _print_rows(fmt, store.events(query), events_table, events_json, events_csv)
    except WirecoderError as exc:
        _fail(exc)


def _print_rows(
    fmt: str,
    rows: Iterable[Any],
    table: Callable[[Console, Iterable[Any]], int],
    json_lines: Callable[[Iterable[Any]], Iterable[str]],
    csv_lines: Callable[[Iterable[Any]], Iterable[str]],
) -> None:
    """Print rows as a table, JSON Lines or CSV (``--format``), streaming them."""
    if fmt == "table":
        table(_console(), rows)
        return
    for line in (json_lines if fmt == "json" else csv_lines)(rows):
        click.echo(line, nl=fmt == "json")


def _near_point(near: str) -> tuple[float, float]:
    """Return the point of ``--near``: "LAT,LON", or the gazetteer's best match for a name."""
    parts = near.split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            pass
        else:
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise click.BadParameter("latitude or longitude out of range", param_hint="--near")
            return lat, lon
    from .gazetteer import open_gazetteer
    from .gazetteer.resolve import rank_candidates

    ranked = rank_candidates(open_gazetteer().candidates(near), near)
    best = next((s.candidate for s in ranked if s.candidate.lat is not None), None)
    if best is None or best.lat is None or best.lon is None:
        raise click.BadParameter(
            f"no place called {near!r} in the gazetteer; give LAT,LON instead", param_hint="--near"
        )
    where = ", ".join(x for x in (best.name, best.admin1, best.country) if x)
    _err_console().print(
        f"near {where} ({best.lat:.3f}, {best.lon:.3f}; GeoNames {best.geonameid}, "
        f"{best.feature_code})"
    )
    return best.lat, best.lon


@main.command()
@click.argument("doc_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the stored JSON record instead.")
def show(doc_id: str, db: str, as_json: bool) -> None:
    """Show one document with its events; evidence (trigger, actors, source, cue, places,
    times) is highlighted in the text, and events of other stored reports that may
    contradict its events (a denial there of what is reported here, or the reverse: same
    type, overlapping dates, places within 25 km) are listed. DOC_ID may be a unique prefix."""
    from .contradictions import corpus_contradictions
    from .records import to_dict
    from .render import print_document
    from .store import open_store

    try:
        with open_store(db) as store:
            record = store.get_record(doc_id)
            elsewhere = [] if as_json else corpus_contradictions(store, record)
    except WirecoderError as exc:
        _fail(exc)
        return
    if as_json:
        click.echo(json.dumps(to_dict(record), ensure_ascii=False, indent=2))
    else:
        print_document(_console(), record, elsewhere)


@main.command()
@click.argument("doc_ids", nargs=-1)
@db_option
@click.option(
    "--radius-km",
    type=float,
    default=25.0,
    show_default=True,
    help="Farthest apart two reports' places may be to be the same happening.",
)
@format_option
def contradictions(doc_ids: tuple[str, ...], db: str, radius_km: float, fmt: str) -> None:
    """List denials with the reports they contradict, one row per pair.

    Scope "document": the denial and the report are in one document (linked at extraction).
    Scope "corpus": they are in two stored documents, not copies of each other, and the two
    events have the same type, dates that overlap give or take a day, and places within
    --radius-km (an event without a place stands at its report's focus). Corpus pairs are
    candidates for a reader to weigh, with the reason. Without DOC_IDS the whole store is
    searched from its denials; DOC_IDS (ids or unique prefixes) limit it to those documents.
    """
    from .contradictions import store_contradictions
    from .render import contradictions_csv, contradictions_json, contradictions_table
    from .store import open_store

    try:
        with open_store(db) as store:
            pairs = store_contradictions(store, doc_ids, radius_km=radius_km)
            _print_rows(fmt, pairs, contradictions_table, contradictions_json, contradictions_csv)
    except WirecoderError as exc:
        _fail(exc)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--top", type=int, default=10, show_default=True, help="How many top actors and places."
)
def stats(db: str, as_json: bool, top: int) -> None:
    """Summarise a store: documents, failures, events by type and status, top actors and places."""
    from .render import print_summary
    from .store import open_store

    try:
        with open_store(db) as store:
            figures = store.stats(top=top)
    except WirecoderError as exc:
        _fail(exc)
        return
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(figures), indent=2, default=str))
    else:
        print_summary(_console(), figures, db=db)


@main.command()
@db_option
@click.option("--limit", type=int, help="At most this many.")
def failures(db: str, limit: int | None) -> None:
    """List recorded per-document failures and warnings, with their error codes."""
    from .store import open_store

    try:
        with open_store(db) as store:
            rows = store.failures(limit=limit)
    except WirecoderError as exc:
        _fail(exc)
        return
    for err in rows:
        click.echo(f"{err.code}\t{err.stage or ''}\t{err.origin}\t{err.message}")
    if not rows:
        click.echo("no failures recorded")


# --- pipeline information, benchmark, evaluation, gazetteer ----------------------------------


@main.command()
def components() -> None:
    """List the pipeline components with what each reads and writes."""
    from .nlp.registry import COMPONENTS, component_class

    for name in COMPONENTS:
        try:
            cls = component_class(name)
        except ImportError as exc:
            click.echo(f"{name}: not available ({exc})")
            continue
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        click.echo(f"{name}: reads {', '.join(cls.reads)}; writes {', '.join(cls.writes)}. {doc}")


@main.command()
@click.option(
    "--corpus",
    type=click.Path(exists=True, path_type=Path),
    default=Path("demo/corpus"),
    show_default=True,
    help="Folder of articles to repeat.",
)
@click.option("--articles", type=int, default=2000, show_default=True, help="Articles to code.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@pipeline_options
def bench(
    corpus: Path,
    articles: int,
    as_json: bool,
    components: str | None,
    batch_size: int | None,
    n_process: int | None,
) -> None:
    """Measure throughput: articles/s, words/s, peak memory, and the ratio of the whole
    pipeline's time to a bare spaCy `nlp.pipe` over the same texts, in the same process."""
    from .bench import run_benchmark

    settings = _settings(components, batch_size, n_process)
    result = run_benchmark(corpus, n_articles=articles, settings=settings)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        for line in result.lines():
            click.echo(line)


@main.command("eval")
@click.argument("datasets", nargs=-1)
@click.option("--all", "run_all", is_flag=True, help="Run every dataset and write docs/quality.md.")
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    help="Dataset folder (default: ../shared/benchmarks/<name>).",
)
@click.option("--limit", type=int, help="Score only the first N documents of each dataset.")
@click.option(
    "--skip",
    type=click.IntRange(min=0),
    default=0,
    help="Leave out the first N documents (muc4 only): with --limit, score a later slice.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--quality-file",
    type=click.Path(path_type=Path),
    default=Path("docs/quality.md"),
    show_default=True,
    help="Where --all writes the quality report.",
)
@click.option(
    "--check-floors", is_flag=True, help="Exit with status 1 if a score is below its floor."
)
@pipeline_options
def eval_command(
    datasets: tuple[str, ...],
    run_all: bool,
    data: Path | None,
    limit: int | None,
    skip: int,
    as_json: bool,
    quality_file: Path,
    check_floors: bool,
    components: str | None,
    batch_size: int | None,
    n_process: int | None,
) -> None:
    """Score the pipeline on external annotated data (see docs/evaluation.md).

    Datasets: re3d, gwn, lgl, geovirus, trnews, plover, tempeval3, timebank-modality,
    muc4, wikievents, attribution (trnews is skipped where the sealed TR-News file is
    absent). Without --limit, --all uses each dataset's default subset.
    """
    from .eval import floors as floors_mod
    from .eval import report
    from .eval.runner import run_all as run_all_datasets
    from .eval.runner import run_evaluation

    if not datasets and not run_all:
        raise click.UsageError("name at least one dataset, or use --all")
    if skip and (run_all or set(datasets) != {"muc4"}):
        raise click.UsageError("--skip applies to muc4 alone: name only muc4")
    settings = _settings(components, batch_size, n_process)
    try:
        if run_all and limit is None:
            results = run_all_datasets(settings=settings, data=data)
        else:
            names = list(datasets)
            if run_all:
                from .eval.registry import DATASETS

                names = list(DATASETS)
            results = run_evaluation(names, settings=settings, data=data, limit=limit, skip=skip)
    except WirecoderError as exc:
        _fail(exc)
        return
    if as_json:
        click.echo(report.results_to_json(results))
    else:
        report.print_table(results, console=_console())
    if run_all:
        report.write_quality_markdown(results, quality_file)
        _err_console().print(f"wrote {quality_file}")
    if check_floors:
        violations = floors_mod.check_floors(results, floors_mod.load_floors())
        for v in violations:
            _err_console().print(f"[red]{v}[/]")
        if violations:
            sys.exit(1)


@main.group()
def gazetteer() -> None:
    """Build or inspect the offline gazetteer (GeoNames-based place index)."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(path_type=Path), help="Where to write the SQLite index.")
def gazetteer_build(path: Path | None) -> None:
    """Build the gazetteer index from installed packages and the bundled supplement."""
    from .gazetteer import build_gazetteer, default_gazetteer_path

    target = build_gazetteer(path or default_gazetteer_path())
    click.echo(f"gazetteer written to {target}")


@gazetteer.command("prune")
@click.option("--dry-run", is_flag=True, help="List the files without deleting them.")
def gazetteer_prune(dry_run: bool) -> None:
    """Delete cached gazetteer builds of other versions (about 50 MB each).

    Every gazetteer version or source package upgrade builds a new file in the cache folder
    and leaves the old one. Installations that share the folder and still use an older
    build rebuild it on first use (about half a minute).
    """
    from .gazetteer import stale_gazetteers

    stale = stale_gazetteers()
    for path in stale:
        size = path.stat().st_size / 1e6
        if not dry_run:
            path.unlink(missing_ok=True)
        click.echo(f"{'would delete' if dry_run else 'deleted'} {path} ({size:.0f} MB)")
    if not stale:
        click.echo("no other cached gazetteer builds")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--path", type=click.Path(path_type=Path), help="Gazetteer SQLite file.")
def gazetteer_lookup(name: str, path: Path | None) -> None:
    """Print the gazetteer candidates for a place name, best first."""
    from .gazetteer import open_gazetteer

    gaz = open_gazetteer(path)
    for cand in gaz.candidates(name):
        click.echo(json.dumps(dataclasses.asdict(cand), ensure_ascii=False, default=str))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the public document record."""
    from importlib.resources import files

    click.echo(files("wirecoder").joinpath("schema/document_record.schema.json").read_text())


if __name__ == "__main__":  # pragma: no cover
    main()
