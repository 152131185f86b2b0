"""The Fingertips refresh, run against a local HTTP server on loopback serving synthetic exports.

Nothing here reaches outside the machine: INDICATORS_FINGERTIPS_API points at 127.0.0.1.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from indicators.imports import refresh as refresh_module
from indicators.imports.refresh import export_url, main
from indicators.store import layers
from indicators.store.load import load_store
from tests.fixtures.make_exports import BRADFORD, ENGLAND, LEEDS, SII, YORK, _header, _row, smoking_rows, write_csv
from tests.import_helpers import folder_hash


@pytest.fixture
def data_copy(committed_copy):
    """These tests match files against the catalogue's own citations (92443, 92901): a copy of the committed store."""
    return committed_copy


def _sii_export() -> bytes:
    rows = [
        _row(SII, area, y, value=9.0 + i - 0.2 * (y - 2016), Sex=sex)
        for y in range(2016, 2022)
        for i, area in enumerate((ENGLAND, LEEDS, BRADFORD, YORK))
        for sex in ("Male", "Female")
    ]
    return write_csv(rows, _header(parent="Compared to England value or percentiles"), bom=True, crlf=True)


def _smoking_export(last_year: int = 2023) -> bytes:
    rows = smoking_rows(years=range(2018, last_year + 1))
    return write_csv(rows, _header(parent="Compared to England value or percentiles"), bom=True, crlf=True)


class _Fingertips:
    """What the loopback server answers: a body per indicator ID, or an HTTP status for every request."""

    def __init__(self) -> None:
        self.bodies = {"92443": _smoking_export(), "92901": _sii_export()}
        self.status = 200
        self.requests: list[str] = []


@pytest.fixture
def fingertips(monkeypatch):
    state = _Fingertips()
    # The catalogue cites more Fingertips indicators than this server holds exports for: the refresh reads
    # the catalogue's citations as it would, and is pointed at the two this server can answer.
    cited = refresh_module.cited
    monkeypatch.setattr(
        refresh_module, "cited", lambda data_dir: {k: v for k, v in cited(data_dir).items() if k in state.bodies}
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            url = urllib.parse.urlparse(self.path)
            query = urllib.parse.parse_qs(url.query)
            body = state.bodies.get(query.get("indicator_ids", [""])[0])
            if state.status != 200 or url.path != "/api/all_data/csv/by_indicator_id" or body is None:
                self.send_error(state.status if state.status != 200 else 404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("INDICATORS_FINGERTIPS_API", f"http://127.0.0.1:{server.server_address[1]}/api")
    yield state
    server.shutdown()
    server.server_close()


def _refreshes(data_dir):
    return [layers.read_manifest(f) for f in layers.layer_folders(data_dir)]


def test_the_export_address_has_the_api_shape():
    url = export_url("92443", base="https://fingertips.phe.org.uk/api/", area_type="501")
    assert url == (
        "https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id"
        "?indicator_ids=92443&child_area_type_id=501&parent_area_type_id=15"
    )


@pytest.mark.data_audit
def test_refresh_fetches_every_cited_indicator_and_stores_it_with_provenance(fingertips, data_copy, capsys):
    assert main(["--data-dir", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "2 indicators refreshed." in out
    assert sorted(p.split("indicator_ids=")[1].split("&")[0] for p in fingertips.requests) == ["92443", "92901"]
    manifests = {m["origin"]["fingertips_id"]: m for m in _refreshes(data_copy)}
    smoking = manifests["92443"]
    assert smoking["indicators"] == ["smoking_prevalence"]
    assert smoking["origin"]["url"].endswith("indicator_ids=92443&child_area_type_id=501&parent_area_type_id=15")
    assert smoking["origin"]["sha256"] == smoking["sha256"]
    assert smoking["origin"]["fetched_at"].endswith("+00:00")
    assert manifests["92901"]["indicators"] == ["sii_life_expectancy"]
    store = load_store(data_dir=data_copy)
    source = store.sources.set_index("source_id").loc[smoking["source_id"]]
    assert "fetched" in source["copied_from"] and smoking["sha256"] in source["copied_from"]
    assert source["licence"].startswith("Open Government Licence")
    values = store.values[store.values["source_id"].astype(str) == smoking["source_id"]]
    assert {"E08000035", "E92000001", "E08000032"} <= set(values["area_code"].astype(str))


@pytest.mark.data_audit
def test_the_same_data_again_changes_nothing_and_new_data_replaces_the_old(fingertips, data_copy, capsys):
    assert main(["--data-dir", str(data_copy)]) == 0
    first = {m["origin"]["fingertips_id"]: m["import_id"] for m in _refreshes(data_copy)}
    before = folder_hash(data_copy)
    assert main(["--data-dir", str(data_copy)]) == 0
    assert "unchanged since the last refresh" in capsys.readouterr().out
    assert folder_hash(data_copy) == before
    fingertips.bodies["92443"] = _smoking_export(last_year=2024)
    assert main(["--data-dir", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert f"replaces {first['92443']}" in out
    now = {m["origin"]["fingertips_id"]: m["import_id"] for m in _refreshes(data_copy)}
    assert now["92901"] == first["92901"] and now["92443"] != first["92443"]
    assert len(_refreshes(data_copy)) == 2


@pytest.mark.data_audit
@pytest.mark.parametrize("status", [500, 503, 404])
def test_an_http_error_says_so_and_changes_nothing(fingertips, data_copy, capsys, status):
    fingertips.status = status
    before = folder_hash(data_copy)
    assert main(["--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("The refresh changed nothing: http://127.0.0.1:")
    assert f"answered HTTP {status}" in err
    assert folder_hash(data_copy) == before


@pytest.mark.data_audit
def test_offline_says_so_and_changes_nothing(data_copy, capsys, monkeypatch):
    import socket

    with socket.socket() as closed:  # a loopback port that nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("INDICATORS_FINGERTIPS_API", f"http://127.0.0.1:{port}/api")
    before = folder_hash(data_copy)
    assert main(["--data-dir", str(data_copy)]) == 1
    assert "could not be reached" in capsys.readouterr().err
    assert folder_hash(data_copy) == before


@pytest.mark.data_audit
def test_a_broken_fetched_file_changes_nothing(fingertips, data_copy, capsys):
    fingertips.bodies["92901"] = b"<html>Service unavailable</html>"
    before = folder_hash(data_copy)
    assert main(["--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "did not pass its checks" in err and "92901" in err
    assert folder_hash(data_copy) == before


@pytest.mark.data_audit
def test_check_only_writes_nothing(fingertips, data_copy, capsys):
    before = folder_hash(data_copy)
    assert main(["--data-dir", str(data_copy), "--check"]) == 0
    assert "Checked only; nothing was written." in capsys.readouterr().out
    assert folder_hash(data_copy) == before
    assert json.dumps(fingertips.requests)  # it did fetch


@pytest.mark.data_audit
def test_the_catalogue_cites_the_served_indicators(data_copy):
    """The two exports served above are among the catalogue's own citations, so the refresh is tested on real ones."""
    assert {"92443": "smoking_prevalence", "92901": "sii_life_expectancy"}.items() <= refresh_module.cited(
        data_copy
    ).items()
