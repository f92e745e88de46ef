"""`sspgen host` as a user meets it: bad data and a missing build give Danish messages with
file, line and column and leave earlier files alone; the output is the same on every run and
on every machine; and the three targets render one set of rules."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from host_helpers import run_host
from site_helpers import copy_examples, example_slugs


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_examples(tmp_path / "repo")
    (root / "output").mkdir()
    (root / "output" / "index.html").write_text("<!DOCTYPE html>", encoding="utf-8")  # stands in for a build
    return root


def kommune_file(root: Path) -> Path:
    return root / "data" / example_slugs()[0] / "kommune.yaml"


def test_bad_embedding_address_is_reported_at_its_line(repo: Path) -> None:
    assert run_host("caddy", str(repo)).returncode == 0
    before = (repo / "hosting" / "Caddyfile").read_bytes()
    path = kommune_file(repo)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("indlejring_tilladt_fra:\n  - kommunens cms")  # the item is on line len(lines) + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_host("caddy", str(repo))
    assert result.returncode == 1
    relative = path.relative_to(repo).as_posix()
    assert re.search(rf"{re.escape(relative)}:{len(lines) + 1}:5: fejl: .*webadresse", result.stdout), result.stdout
    assert "Opsætningen blev ikke skrevet" in result.stderr and "Traceback" not in result.stderr
    assert (repo / "hosting" / "Caddyfile").read_bytes() == before


def test_broken_yaml_is_reported_and_nothing_is_written(repo: Path) -> None:
    path = kommune_file(repo)
    path.write_text(path.read_text(encoding="utf-8") + "navn: [ikke lukket\n", encoding="utf-8")
    result = run_host("azure", str(repo))
    assert result.returncode == 1
    assert path.relative_to(repo).as_posix() + ":" in result.stdout and "fejl:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (repo / "output" / "staticwebapp.config.json").exists()
    assert not (repo / "output-offentlig").exists()


def test_no_build_yet(tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "repo")
    result = run_host("caddy", str(root))
    assert result.returncode == 1
    assert "Kør «sspgen build» først" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "hosting").exists()


def test_no_folder_and_unknown_target(tmp_path: Path) -> None:
    missing = run_host("caddy", str(tmp_path / "findes-ikke"))
    assert missing.returncode == 2 and "findes ikke" in missing.stderr
    unknown = run_host("netlify", str(tmp_path))
    assert unknown.returncode == 2 and "ugyldigt valg" in unknown.stderr and "caddy" in unknown.stderr


def test_same_files_every_run_and_on_every_machine(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "andet-sted"
    shutil.copytree(repo, other)
    outputs = []
    for root in (repo, repo, other):
        for target in ("caddy", "azure", "gitlab"):
            assert run_host(target, str(root)).returncode == 0
        outputs.append({name: (root / name).read_bytes() for name in (
            "hosting/Caddyfile", "hosting/gitlab-pages.yml", "output/staticwebapp.config.json",
            "output/forside-offentlig.html", "output/ingen-adgang.html",
            "output-offentlig/staticwebapp.config.json", "output-offentlig/index.html")})
    assert outputs[0] == outputs[1] == outputs[2]
    assert str(tmp_path).encode() not in b"".join(outputs[0].values())


def test_the_targets_render_one_set_of_rules(repo: Path) -> None:
    path = kommune_file(repo)
    slug = path.parent.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["indlejring_tilladt_fra"] = ["https://cms.eksempel-kommune.dk/sider/ssp"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for target in ("caddy", "azure"):
        assert run_host(target, str(repo)).returncode == 0
    caddyfile = (repo / "hosting" / "Caddyfile").read_text(encoding="utf-8")
    config = json.loads((repo / "output" / "staticwebapp.config.json").read_text(encoding="utf-8"))
    public_config = json.loads((repo / "output-offentlig" / "staticwebapp.config.json").read_text(encoding="utf-8"))
    login = re.search(r"\t@login \{\n\t\tnot path (.*)\n\t\tnot \{\n\t\t\tpath_regexp (\S+)\n\t\t\tfile\n", caddyfile)
    open_in_caddy, subscriptions_in_caddy = login.group(1).split(), re.compile(login.group(2))
    # Azure: the open folders of Caddy are what the public app holds; the intranet app opens
    # no folder at all, only exact routes, and closes everything else to the role.
    assert [r["route"] for r in public_config["routes"] if r["route"].endswith("/offentlig/*")] == [
        p for p in open_in_caddy if p.endswith("/offentlig/*")]
    assert not [r for r in config["routes"] if "*" in r["route"] and "anonymous" in r.get("allowedRoles", [])]
    assert config["routes"][-1] == {"route": "/*", "allowedRoles": ["ssp"]}  # everything else: the role
    for slug_ in example_slugs():
        assert f"/{slug_}/offentlig/*" in open_in_caddy
    token = "Fiktivt_token-0123456789abcdefgh"
    for slug_ in example_slugs():
        assert subscriptions_in_caddy.match(f"/{slug_}/intranet/kalender/abonnement/{token}/ssp-netvaerk.ics")
        for closed in (f"/{slug_}/intranet/kalender/abonnement/{token}/", f"/{slug_}/intranet/kalender/abonnement/alle.ics",
                       f"/{slug_}/intranet/kalender/abonnement/{token}/index.html",
                       f"/{slug_}/intranet/kalender/abonnement/{token[:-1]}/alle.ics",
                       f"/{slug_}/intranet/kalender/abonnement/{token}/../../alle.ics",
                       f"/{slug_}/intranet/kalender/abonnement/{token}/a/alle.ics", f"/{slug_}/intranet/kalender/alle.ics"):
            assert not subscriptions_in_caddy.match(closed), closed
    # The embedding origins: from webadresse and indlejring_tilladt_fra, the same in both targets.
    origins = sorted({"https://cms.eksempel-kommune.dk", "/".join(data["webadresse"].split("/")[:3])})
    route = next(r for r in public_config["routes"] if r["route"] == f"/{slug}/offentlig/*")
    csp = route["headers"]["Content-Security-Policy"]
    assert csp.endswith("frame-ancestors 'self' " + " ".join(origins))  # only the origin: no path
    assert f'header @offentlig_{slug} Content-Security-Policy "{csp}"' in caddyfile


def test_readme_names_every_setting_the_hosting_files_read(repo: Path) -> None:
    """Each environment variable the Caddyfile reads and each secret and variable the deploy
    jobs read is explained where IT looks for it: README, «Sådan kommer sitet på nettet»."""
    from site_helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Sådan kommer sitet på nettet", 1)[1].split("\n## ", 1)[0]
    assert run_host("caddy", str(repo)).returncode == 0 and run_host("gitlab", str(repo)).returncode == 0
    assert run_host("caddy", str(repo), "--login", "sso", "--out", str(repo / "sso")).returncode == 0
    caddyfile = (repo / "hosting" / "Caddyfile").read_text(encoding="utf-8") + (repo / "sso" / "Caddyfile").read_text(encoding="utf-8")
    names = set(re.findall(r"\{\$(SSPGEN_[A-Z_]+)", caddyfile)) - {"SSPGEN_CADDY_ADMIN"}  # kept at its default
    workflow = (REPO / ".github" / "workflows" / "ssp.yml").read_text(encoding="utf-8")
    names |= set(re.findall(r"(?:secrets|vars)\.(SSPGEN_[A-Z_]+)", workflow)) - {"SSPGEN_DECAP_BASE_URL"}
    names |= set(re.findall(r"\$\{?(SSPGEN_[A-Z_]+)", (repo / "hosting" / "gitlab-pages.yml").read_text(encoding="utf-8")))
    assert {"SSPGEN_BRUGERE", "SSPGEN_SSO", "SSPGEN_HOST", "SSPGEN_AZURE_TOKEN", "SSPGEN_OFFENTLIG_TOKEN"} <= names
    for name in sorted(names):
        assert f"`{name}" in section or f"{name}=" in section, f"README forklarer ikke {name}"


def fake_build(repo: Path, feeds: int = 1) -> dict[str, str]:
    """A few files in each of the places the Azure apps split on, and `feeds` calendar feeds of
    exactly the capability shape (plus one that only looks like one)."""
    slug = example_slugs()[0]
    files = {
        "assets/sspgen.css": "body {}",
        f"{slug}/offentlig/index.html": "<!DOCTYPE html><title>Offentlig</title>",
        f"{slug}/offentlig/dokumenter/plan.pdf": "%PDF-fiktiv",
        f"{slug}/intranet/index.html": "<!DOCTYPE html><title>SSP-intranet</title>",
        f"{slug}/intranet/kalender/alle.ics": "BEGIN:VCALENDAR",
        f"{slug}/intranet/kalender/abonnement/kort-token/alle.ics": "BEGIN:VCALENDAR",
    }
    for n in range(feeds):
        files[f"{slug}/intranet/kalender/abonnement/{n:032d}/forum-{n}.ics"] = "BEGIN:VCALENDAR"
    for name, text in files.items():
        (repo / "output" / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / "output" / name).write_text(text, encoding="utf-8")
    return files


def test_azure_public_app_holds_the_open_folders_and_nothing_else(repo: Path) -> None:
    files = fake_build(repo)
    result = run_host("azure", str(repo))
    assert result.returncode == 0, result.stdout + result.stderr
    public = repo / "output-offentlig"
    copied = sorted(p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file())
    assert copied == sorted([n for n in files if n.startswith("assets/") or "/offentlig/" in n]
                            + ["index.html", "staticwebapp.config.json"])
    config = json.loads((repo / "output" / "staticwebapp.config.json").read_text(encoding="utf-8"))
    anonymous = [r["route"] for r in config["routes"] if r.get("allowedRoles") == ["anonymous"]]
    feed = next(n for n in files if "/forum-0.ics" in n)
    assert anonymous == ["/ingen-adgang.html", "/assets/dkfds/css/dkfds.min.css", "/assets/sspgen.css", "/" + feed]
    # Run again after a page left the public site: the copy follows the build.
    (repo / "output" / next(n for n in files if n.endswith(".pdf"))).unlink()
    assert run_host("azure", str(repo)).returncode == 0
    assert not list(public.rglob("*.pdf")) and (public / "staticwebapp.config.json").is_file()


def test_azure_will_not_overwrite_a_folder_it_did_not_write(repo: Path, tmp_path: Path) -> None:
    fake_build(repo)
    other = tmp_path / "kommunens-filer"
    other.mkdir()
    (other / "vigtigt.txt").write_text("Må ikke slettes.", encoding="utf-8")
    result = run_host("azure", str(repo), "--out", str(other))
    assert result.returncode == 1 and "bliver ikke overskrevet" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in other.iterdir()] == ["vigtigt.txt"]
    assert not (repo / "output" / "staticwebapp.config.json").exists()
    inside = run_host("azure", str(repo), "--out", str(repo / "output" / "offentlig-app"))
    assert inside.returncode == 1 and "må ikke ligge inde i det byggede site" in inside.stderr
    assert not (repo / "output" / "offentlig-app").exists()


def test_azure_says_when_the_config_would_be_too_big(repo: Path) -> None:
    fake_build(repo, feeds=120)  # each feed is a route; Azure takes 20 KB
    result = run_host("azure", str(repo))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "120 kalenderabonnementer" in result.stderr and "højst 20 KB" in result.stderr
    assert not (repo / "output" / "staticwebapp.config.json").exists() and not (repo / "output-offentlig").exists()
