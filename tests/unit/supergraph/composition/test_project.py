"""compose_files / check_file: the helpers behind `pawgraph compose`."""

from supergraph.composition.project import SubgraphFile, check_file, compose_files, format_errors, write_file
from tests.unit.supergraph.composition.fixtures import PROVIDES_OVERRIDE


def _files(tmp_path):
    files = []
    for spec in PROVIDES_OVERRIDE:
        path = tmp_path / f"{spec.name}.graphql"
        path.write_text(spec.sdl)
        files.append(SubgraphFile(spec.name, spec.url, path))
    return files


def test_written_schema_passes_the_staleness_check(tmp_path):
    result = compose_files(_files(tmp_path))
    target = tmp_path / "schema.graphql"

    assert write_file(target, result)
    assert check_file(target, result)


def test_stale_or_missing_schema_fails_the_staleness_check(tmp_path):
    result = compose_files(_files(tmp_path))
    target = tmp_path / "schema.graphql"

    assert not check_file(target, result)
    target.write_text(result.supergraph_sdl + "\n# edited\n")
    assert not check_file(target, result)


def test_unreadable_file_is_reported_with_its_subgraph(tmp_path):
    result = compose_files([*_files(tmp_path), SubgraphFile("ghost", "http://ghost", tmp_path / "nope.graphql")])

    assert result.supergraph_sdl is None
    assert format_errors(result).startswith("UNREADABLE_SUBGRAPH_SDL [ghost]: Cannot read")
