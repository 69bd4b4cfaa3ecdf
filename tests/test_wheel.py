"""The built wheel carries the grammar: install it into a fresh environment and parse there."""
from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_parses_without_the_source_tree(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(dist),
         str(ROOT)], check=True)
    (wheel,) = dist.glob("condition_engine-*.whl")
    assert "condition_engine/py.typed" in zipfile.ZipFile(wheel).namelist()  # PEP 561: checked as a typed library
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True, system_site_packages=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", str(wheel)], check=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    code = ("import condition_engine, pathlib; "
            "assert 'site-packages' in condition_engine.__file__, condition_engine.__file__; "
            "print(condition_engine.to_text(condition_engine.parse('not (a NE 1 or b eq 2)'))); "
            "pack = condition_engine.load_rules(); "
            "print(len(pack), len(pack.problems), '_data' in str(pack.get('AWS.CMK.KeyRotation').path)); "
            "assert pathlib.Path(condition_engine.__file__).with_name('spark_log4j2.properties').exists()")
    out = subprocess.run([python, "-c", code], cwd=work, capture_output=True, text=True, check=True)
    canonical, bundled = out.stdout.strip().splitlines()
    assert canonical == "not (a ne 1 or b eq 2)"
    count, problems, from_wheel = bundled.split()
    assert int(count) >= 26 and problems == "0" and from_wheel == "True"
    cli = subprocess.run([env_dir / "bin" / "condition-engine", "parse", "x eq 1"], cwd=work,
                         capture_output=True, text=True, check=True)
    assert cli.stdout.strip() == "x eq 1"
    site = subprocess.run([env_dir / "bin" / "condition-engine", "site", "--out", "site"], cwd=work,
                          capture_output=True, text=True, check=True)  # templates and assets are in the wheel
    assert site.stdout.startswith("wrote ") and (work / "site" / "site.js").exists()
    assert "AWS KMS CMK Key Rotation" in (work / "site" / "rules" / "AWS.CMK.KeyRotation.html").read_text()
    # the README's first run: a plain install, then commands naming the checkout's rules/, which are the
    # bundled rules themselves (now also in site-packages): no duplicate rule IDs
    cli = env_dir / "bin" / "condition-engine"
    installed = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the wheel's code, not the checkout's
    table = subprocess.run([cli, "exclusions", "rules/aws/kms/cmk_key_rotation.yml"], cwd=ROOT, capture_output=True,
                           text=True, env=installed)
    assert (table.returncode, table.stderr) == (0, "") and "| KeyManager | ne | CUSTOMER |" in table.stdout
    tests = subprocess.run([cli, "test", "rules/"], cwd=ROOT, capture_output=True, text=True, env=installed)
    assert tests.returncode == 0 and "E203" not in tests.stderr, tests.stderr
