"""The wheel as a user installs it: newsprep.flows and newsprep.tasks, never the generic names flows and tasks."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = next(iter(sorted((ROOT / "seeds").iterdir())))


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args, "--quiet", "--no-deps"], check=True, capture_output=True)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--wheel-dir", str(out), str(ROOT))
    (built,) = out.glob("newsprep-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel unpacked by pip into a folder of its own (its dependencies come from this environment)."""
    target = tmp_path_factory.mktemp("site")
    _pip("install", "--target", str(target), str(wheel))
    return target


def _python(code: str, cwd: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PYTHONPATH=str(site), PREFECT_HOME=str(cwd / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_wheel_claims_only_the_name_newsprep(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"newsprep", wheel.name.split("-py")[0] + ".dist-info"}
    assert "newsprep/__init__.py" not in names  # a namespace package: nothing runs on `import newsprep`
    for data in ("tasks/split_model.json", "tasks/metadata/title_weights.json", "tasks/text/alphabets.json"):
        assert f"newsprep/{data}" in names  # the stages' fitted weights and alphabets ship with the code
    (entry_points,) = [name for name in names if name.endswith("entry_points.txt")]
    assert "newsprep = newsprep.flows.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_a_project_with_its_own_flows_and_tasks_uses_both(installed: Path, tmp_path: Path) -> None:
    # A Prefect project keeps its own flows/ and tasks/ (the convention newsprep's repository follows too): with
    # newsprep installed, `import flows` is still the project's, and newsprep's modules come from the wheel.
    project = tmp_path / "project"
    for package in ("flows", "tasks"):
        (project / package).mkdir(parents=True)
        (project / package / "__init__.py").write_text(f"OWNER = 'the project {package}'\n")
    code = (
        "import flows, tasks\n"
        "from newsprep.flows.ingest import ingest\n"
        "from newsprep.tasks.language import detect_language\n"
        "import newsprep.tasks.pipeline as pipeline, sys\n"
        "print(flows.OWNER, '|', tasks.OWNER)\n"
        "german = 'Die Regierung teilte am Donnerstag mit, dass die Wahl verschoben wird.'\n"
        "print(ingest.name, detect_language(german).lang)\n"
        "print(pipeline.__file__)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flows', 'tasks') and '.' in m))\n"
    )
    done = _python(code, project, installed)
    assert done.returncode == 0, done.stderr[-2000:]
    owners, detected, pipeline_file, foreign = done.stdout.splitlines()
    assert owners == "the project flows | the project tasks"
    assert detected == "newsprep-ingest de"
    assert Path(pipeline_file).is_relative_to(installed)  # the wheel's copy, not this checkout
    assert foreign == "[]"  # newsprep loaded nothing under the project's names


def test_the_installed_stages_find_their_data(installed: Path, tmp_path: Path) -> None:
    # `explain` runs every stage without Prefect: the splitter's trees, the title weights and the alphabets are
    # read from the installed package, and it says what this checkout says.
    explain = f"import sys; sys.argv = ['newsprep', 'explain', {str(SEED)!r}]\n"
    explain += "from newsprep.flows.cli import main; main()"
    from_wheel = _python(explain, tmp_path, installed)
    assert from_wheel.returncode == 0, from_wheel.stderr[-2000:]
    from_checkout = subprocess.run(
        [sys.executable, "-m", "newsprep.flows.cli", "explain", str(SEED)], cwd=ROOT, capture_output=True, text=True
    )
    assert from_wheel.stdout.startswith("=== story 0: title: ")
    assert from_wheel.stdout == from_checkout.stdout


def test_the_deployment_loads_the_flow_by_module_from_anywhere(tmp_path: Path) -> None:
    # prefect.yaml's entrypoint is the installed module, so a worker started in any folder loads it (a file path
    # would be read relative to the worker's folder).
    entrypoint = _prefect_yaml_entrypoint()
    assert not entrypoint.endswith(".py") and ".py:" not in entrypoint
    code = f"from prefect.flows import load_flow_from_entrypoint; print(load_flow_from_entrypoint({entrypoint!r}).name)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "newsprep-ingest"


def test_the_checkout_keeps_the_contract_names(tmp_path: Path) -> None:
    # ../shared/CONTRACT.md names flows.ingest and tasks.language: in a checkout they import from the folders.
    code = (
        "import sys; sys.path.insert(0, '.')\n"
        "from tasks.language import detect_language\n"
        "from flows.ingest import ingest\n"
        "english = 'The government said on Thursday that the election would be delayed.'\n"
        "print(detect_language(english).lang, ingest.name)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "en newsprep-ingest"


def _prefect_yaml_entrypoint() -> str:
    # one deployment in prefect.yaml; read its entrypoint without a YAML parser (a `key: value` line)
    (line,) = [ln for ln in (ROOT / "prefect.yaml").read_text().splitlines() if ln.strip().startswith("entrypoint:")]
    return line.split(":", 1)[1].split("#")[0].strip()
